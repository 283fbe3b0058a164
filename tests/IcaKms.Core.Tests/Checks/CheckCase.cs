using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Checks;

/// <summary>One row of a check table: a snapshot (and inputs), the check it is about, and the verdict expected.</summary>
internal sealed record CheckCase(
    string Name,
    string Id,
    CheckState State,
    string Says,
    LiveSnapshot Snapshot,
    SetupInputs? Inputs = null)
{
    public static TheoryData<string> NamesOf(IEnumerable<CheckCase> cases)
    {
        var names = new TheoryData<string>();
        foreach (CheckCase c in cases)
        {
            names.Add(c.Name);
        }

        return names;
    }

    /// <summary>Evaluates the case and checks the verdict, the wording, and the shape every check shares.</summary>
    public static void Verify(IEnumerable<CheckCase> cases, string name)
    {
        CheckCase c = cases.Single(x => x.Name == name);

        SetupCheck check = Live.Check(c.Snapshot, c.Id, c.Inputs);

        Assert.Equal(c.State, check.State);
        Assert.Contains(c.Says, $"{check.Finding} {check.Fix}", StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(check.Finding));
        Assert.False(string.IsNullOrWhiteSpace(check.Title));
        Assert.Equal(check.State == CheckState.Pass, check.Fix.Length == 0);
        Assert.DoesNotContain('\n', check.Finding);
        Assert.DoesNotContain('\n', check.Fix);
    }
}
