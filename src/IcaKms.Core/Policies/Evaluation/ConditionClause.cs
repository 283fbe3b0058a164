namespace IcaKms.Core.Policies.Evaluation;

/// <summary>One operator and key of a <c>Condition</c> block with its policy values, e.g. <c>StringEquals aws:SourceVpce ["vpce-1"]</c>.</summary>
/// <param name="Operator">The operator as written, e.g. <c>ForAnyValue:StringLikeIfExists</c>.</param>
/// <param name="Key">The condition key as written.</param>
/// <param name="Values">The policy values, as strings (booleans and numbers as their JSON text).</param>
public sealed record ConditionClause(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>The clause in words for messages, e.g. <c>StringEquals aws:SourceVpce = vpce-1</c>.</summary>
    public string Describe() => $"{Operator} {Key} {string.Join(" or ", Values)}";
}
