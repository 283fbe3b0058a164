using IcaKms.Core;
using IcaKms.Core.Checks;

namespace IcaKms.Integration.Tests;

/// <summary>Assertions over <see cref="LiveChecks.Evaluate"/>'s verdicts that name every mismatch at once, with its finding.</summary>
internal static class Verdicts
{
    /// <summary>The one check with the id.</summary>
    public static SetupCheck Of(IReadOnlyList<SetupCheck> checks, string id) => Assert.Single(checks, check => check.Id == id);

    /// <summary>Asserts that every check named passes, listing each one that does not.</summary>
    public static void AssertPass(IReadOnlyList<SetupCheck> checks, params string[] ids) => AssertState(checks, CheckState.Pass, ids);

    /// <summary>Asserts that every check named is in the state, listing each one that is not.</summary>
    public static void AssertState(IReadOnlyList<SetupCheck> checks, CheckState state, params string[] ids)
    {
        List<string> wrong = [.. ids
            .Select(id => Of(checks, id))
            .Where(check => check.State != state)
            .Select(check => $"{check.Id}: {check.State}: {check.Finding} Fix: {check.Fix}")];
        Assert.True(wrong.Count == 0, $"Expected {state}, but:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }
}
