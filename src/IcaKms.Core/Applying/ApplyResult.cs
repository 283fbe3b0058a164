namespace IcaKms.Core.Applying;

/// <summary>What applying a plan did, change by change, in the plan's order.</summary>
/// <param name="Changes">Every planned change with its outcome: done ones, then at most one failed, then the ones not sent.</param>
/// <param name="CreatedKeyArn">The ARN of a key the plan created, to use from then on; null otherwise.</param>
public sealed record ApplyResult(IReadOnlyList<AppliedChange> Changes, string? CreatedKeyArn = null)
{
    /// <summary>True when every change was made.</summary>
    public bool Succeeded => Changes.All(c => c.Outcome == ChangeOutcome.Done);

    /// <summary>The change that failed, or null.</summary>
    public AppliedChange? Failure => Changes.FirstOrDefault(c => c.Outcome == ChangeOutcome.Failed);
}
