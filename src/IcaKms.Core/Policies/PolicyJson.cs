using System.Text.Encodings.Web;
using System.Text.Json;

namespace IcaKms.Core.Policies;

/// <summary>Serializes policy documents the way ICA's help page and the AWS console show them.</summary>
public static class PolicyJson
{
    /// <summary>Four-space indentation, no escaping of characters JSON allows as they are.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Renders a whole policy document.</summary>
    public static string Serialize(PolicyDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Renders one statement (as it would appear inside a key policy).</summary>
    public static string Serialize(PolicyStatement statement) => JsonSerializer.Serialize(statement, Options);
}
