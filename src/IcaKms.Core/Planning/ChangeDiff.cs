using System.Text.Json;
using System.Text.Json.Nodes;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Planning;

/// <summary>The difference a change makes to its document, line by line, both sides formatted alike so only content differs.</summary>
public static class ChangeDiff
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    /// <summary>The lines of the change's document before and after; empty when the change has no document.</summary>
    public static IReadOnlyList<PolicyDiffLine> Of(SetupChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.After is null && change.Before is null)
        {
            return [];
        }

        return PolicyDiff.Lines(Format(change.Before), Format(change.After));
    }

    private static string Format(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return string.Empty;
        }

        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
