using System.Text.Json.Serialization;

namespace IcaKms.Core.Policies;

/// <summary>The <c>Principal</c> element of a resource policy statement, e.g. <c>{"AWS": "arn:aws:iam::…:role/…"}</c>.</summary>
/// <param name="Aws">The AWS principals (account, user or role ARNs).</param>
public sealed record PolicyPrincipal([property: JsonPropertyName("AWS")] PolicyValues Aws);
