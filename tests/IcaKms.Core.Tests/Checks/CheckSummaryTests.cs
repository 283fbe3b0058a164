using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Checks;

public sealed class CheckSummaryTests
{
    [Theory]
    [InlineData(new[] { CheckState.Pass, CheckState.Pass }, CheckState.Pass)]
    [InlineData(new[] { CheckState.Pass, CheckState.Warning, CheckState.NotChecked }, CheckState.Warning)]
    [InlineData(new[] { CheckState.Warning, CheckState.Fail, CheckState.Pass }, CheckState.Fail)]
    [InlineData(new[] { CheckState.NotChecked, CheckState.Pass }, CheckState.Pass)]
    [InlineData(new[] { CheckState.NotChecked, CheckState.NotChecked }, CheckState.NotChecked)]
    [InlineData(new CheckState[0], CheckState.NotChecked)]
    public void Overall_IsTheWorstStateMade_IgnoringChecksNotMade(CheckState[] states, CheckState expected)
    {
        IEnumerable<SetupCheck> checks = states.Select((state, i) => new SetupCheck($"c{i}", WizardStep.Bucket, "title", state, "finding"));

        Assert.Equal(expected, CheckSummary.Overall(checks));
    }
}
