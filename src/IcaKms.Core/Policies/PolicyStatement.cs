using System.Text.Json.Serialization;

namespace IcaKms.Core.Policies;

/// <summary>One statement of an IAM or KMS key policy, in the element order AWS documents use.</summary>
public sealed record PolicyStatement
{
    /// <summary>Optional statement id; KMS key-policy merges match on it.</summary>
    [JsonPropertyOrder(0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sid { get; init; }

    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    [JsonPropertyOrder(1)]
    public required string Effect { get; init; }

    /// <summary>Who the statement applies to (resource policies only).</summary>
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PolicyPrincipal? Principal { get; init; }

    /// <summary>The actions the statement grants or denies.</summary>
    [JsonPropertyOrder(3)]
    public required PolicyValues Action { get; init; }

    /// <summary>The resources the actions apply to.</summary>
    [JsonPropertyOrder(4)]
    public required PolicyValues Resource { get; init; }
}
