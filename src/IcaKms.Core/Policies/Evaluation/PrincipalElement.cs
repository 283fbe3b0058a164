namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// A statement's <c>Principal</c> or <c>NotPrincipal</c>: <c>"*"</c>, or principals by type (<c>AWS</c>,
/// <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>), each a string or an array.
/// </summary>
/// <param name="IsNot">True for <c>NotPrincipal</c>.</param>
/// <param name="ByType">The principals by type; <c>"*"</c> is kept as an <c>AWS</c> value <c>"*"</c>.</param>
public sealed record PrincipalElement(bool IsNot, IReadOnlyDictionary<string, IReadOnlyList<string>> ByType)
{
    /// <summary>The values of one type (none when the type is not there).</summary>
    public IReadOnlyList<string> Of(string type) => ByType.TryGetValue(type, out IReadOnlyList<string>? values) ? values : [];

    /// <summary>True when it names every principal (<c>"*"</c> or <c>{"AWS": "*"}</c>).</summary>
    public bool IsEveryone => Of("AWS").Any(v => v == "*");
}
