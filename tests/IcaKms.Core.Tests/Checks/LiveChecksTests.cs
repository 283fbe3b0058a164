using System.Reflection;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public class LiveChecksTests
{
    [Fact]
    public void Evaluate_ReturnsOneCheckPerId_InTheOrderOfLiveCheckIds()
    {
        IEnumerable<string?> ids = typeof(LiveCheckIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string?)f.GetRawConstantValue());

        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(Healthy(), Request(CrossAccountInputs));

        Assert.Equal(ids, checks.Select(c => c.Id));
    }

    [Fact]
    public void Evaluate_PassesEveryCheck_ForAHealthySetup()
    {
        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(Healthy(), Request(CrossAccountInputs));

        Assert.All(checks, c => Assert.True(c.State == CheckState.Pass, $"{c.Id}: {c.State} {c.Finding} {c.Fix}"));
    }

    [Fact]
    public void Evaluate_PutsEachCheckOnTheStepThatFixesIt()
    {
        Dictionary<string, WizardStep> steps = LiveChecks.Evaluate(Healthy(), Request(CrossAccountInputs)).ToDictionary(c => c.Id, c => c.Step);

        Assert.Equal(WizardStep.Bucket, steps[LiveCheckIds.BucketEncryption]);
        Assert.Equal(WizardStep.Bucket, steps[LiveCheckIds.KeyState]);
        Assert.Equal(WizardStep.IamPolicy, steps[LiveCheckIds.BucketVersioning]);
        Assert.Equal(WizardStep.IamPolicy, steps[LiveCheckIds.IamPolicy]);
        Assert.Equal(WizardStep.CrossAccount, steps[LiveCheckIds.KeyPolicyCrossAccount]);
    }
}
