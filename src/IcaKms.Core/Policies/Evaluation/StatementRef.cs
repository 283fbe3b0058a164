namespace IcaKms.Core.Policies.Evaluation;

/// <summary>One statement of one policy (or one grant), as a decision names it.</summary>
/// <param name="Policy">How the policy is named, e.g. "the key policy".</param>
/// <param name="Statement">The statement's label: <c>'Sid'</c> or <c>#n</c>; for a grant, its id.</param>
public sealed record StatementRef(string Policy, string Statement)
{
    /// <inheritdoc />
    public override string ToString() => $"statement {Statement} of {Policy}";
}
