using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>
/// The changes one wizard step would make to the live setup, in the order they are applied, computed from an
/// inspection (nothing guessed). <see cref="Blockers"/> say what keeps part of the step from being planned (a read that
/// was refused, a bucket in another region, a key that cannot serve); <see cref="Notes"/> are what the person should
/// know before confirming.
/// </summary>
/// <param name="Step">The wizard step the changes belong to.</param>
/// <param name="Changes">The changes, in the order they are applied.</param>
/// <param name="Blockers">Why some of the step could not be planned; empty when all of it could.</param>
/// <param name="Notes">What the person should know before confirming (e.g. existing objects are not re-encrypted).</param>
public sealed record SetupPlan(WizardStep Step, IReadOnlyList<SetupChange> Changes, IReadOnlyList<string> Blockers, IReadOnlyList<string> Notes)
{
    /// <summary>True when there is nothing to change (a second run after applying plans nothing).</summary>
    public bool IsEmpty => Changes.Count == 0;
}
