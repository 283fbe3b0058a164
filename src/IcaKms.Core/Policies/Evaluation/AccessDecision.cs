namespace IcaKms.Core.Policies.Evaluation;

/// <summary>The evaluator's answer, with the statements that decided it and the conditions it depends on.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Deciding">
/// The statements that decided: the Deny for an explicit deny; the Allow(s) on the path that allowed (e.g. the key
/// policy's delegation to the account and the identity policy's Allow); none for an implicit deny.
/// </param>
/// <param name="Open">For <see cref="AccessVerdict.DependsOn"/>, the conditions whose values are not known here.</param>
public sealed record AccessDecision(AccessVerdict Verdict, IReadOnlyList<StatementRef> Deciding, IReadOnlyList<OpenCondition> Open)
{
    /// <summary>True when allowed.</summary>
    public bool IsAllowed => Verdict == AccessVerdict.Allowed;

    /// <summary>The deciding statements in words, e.g. "statement 'Deny others' of the key policy".</summary>
    public string DecidedBy => string.Join(" and ", Deciding.Select(d => d.ToString()));

    /// <summary>The open conditions in words.</summary>
    public string DependsOn => string.Join("; ", Open.Select(o => o.ToString()).Distinct(StringComparer.Ordinal));
}
