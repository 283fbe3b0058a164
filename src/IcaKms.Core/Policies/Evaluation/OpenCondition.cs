namespace IcaKms.Core.Policies.Evaluation;

/// <summary>A condition the decision depends on: its value for the request is not known here.</summary>
/// <param name="Statement">The statement that holds it.</param>
/// <param name="Key">The condition key (or the operator, when the operator itself is unknown).</param>
/// <param name="Clause">The clause in words.</param>
public sealed record OpenCondition(StatementRef Statement, string Key, string Clause)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key} ({Clause}) in {Statement}";
}
