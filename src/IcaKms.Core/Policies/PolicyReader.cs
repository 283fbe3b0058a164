using System.Globalization;
using System.Text.Json;

namespace IcaKms.Core.Policies;

/// <summary>
/// Reads pasted text into a <see cref="ParsedPolicy"/>, tolerating every shape IAM accepts (one statement object or
/// an array, string or array values) and explaining, in one line, why anything else is not a policy.
/// </summary>
internal static class PolicyReader
{
    /// <summary>The deepest nesting read; an IAM policy needs about 5 levels.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Reads the text, or says why it is not a policy.</summary>
    public static ParsedPolicy? Read(string text, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            problem = NotJson(ex);
            return null;
        }

        using (document)
        {
            return ReadPolicy(document.RootElement, out problem);
        }
    }

    private static ParsedPolicy? ReadPolicy(JsonElement root, out string? problem)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = $"The JSON is {Describe(root.ValueKind)}, not an IAM policy: a policy is an object with \"Version\" and \"Statement\".";
            return null;
        }

        string? version = null;
        JsonElement? statementElement = null;
        var unknown = new List<string>();
        foreach (JsonProperty property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Version":
                    version = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    break;
                case "Id":
                    break;
                case "Statement":
                    statementElement = property.Value;
                    break;
                default:
                    unknown.Add(property.Name);
                    break;
            }
        }

        if (statementElement is not JsonElement statement)
        {
            problem = $"The JSON has no \"Statement\"{CaseHint(root, "Statement")}, so it is not an IAM policy.";
            return null;
        }

        List<JsonElement> items;
        switch (statement.ValueKind)
        {
            case JsonValueKind.Object:
                items = [statement];
                break;
            case JsonValueKind.Array:
                items = [.. statement.EnumerateArray()];
                break;
            default:
                problem = $"\"Statement\" is {Describe(statement.ValueKind)}; it must be a statement object or an array of them.";
                return null;
        }

        if (items.Count == 0)
        {
            problem = "The policy has no statements: \"Statement\" is an empty array.";
            return null;
        }

        var statements = new List<ParsedStatement>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            ParsedStatement? parsed = ReadStatement(items[i], i + 1, out problem);
            if (parsed is null)
            {
                return null;
            }

            statements.Add(parsed);
        }

        problem = null;
        return new ParsedPolicy(version, statements, unknown);
    }

    private static ParsedStatement? ReadStatement(JsonElement element, int number, out string? problem)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"Statement {number} is {Describe(element.ValueKind)}, not a statement object.";
            return null;
        }

        string? effect = null;
        JsonElement? action = null;
        JsonElement? notAction = null;
        JsonElement? resource = null;
        JsonElement? notResource = null;
        bool hasPrincipal = false;
        bool hasCondition = false;
        var unknown = new List<string>();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Sid":
                    break;
                case "Effect":
                    effect = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : string.Empty;
                    break;
                case "Action":
                    action = property.Value;
                    break;
                case "NotAction":
                    notAction = property.Value;
                    break;
                case "Resource":
                    resource = property.Value;
                    break;
                case "NotResource":
                    notResource = property.Value;
                    break;
                case "Principal" or "NotPrincipal":
                    hasPrincipal = true;
                    break;
                case "Condition":
                    hasCondition = true;
                    break;
                default:
                    unknown.Add(property.Name);
                    break;
            }
        }

        if (effect is null)
        {
            problem = $"Statement {number} has no \"Effect\"{CaseHint(element, "Effect")}.";
            return null;
        }

        bool isAllow = string.Equals(effect, "Allow", StringComparison.OrdinalIgnoreCase);
        if (!isAllow && !string.Equals(effect, "Deny", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"Statement {number}: \"Effect\" must be \"Allow\" or \"Deny\".";
            return null;
        }

        PolicyValues? actions = ReadPair(element, number, "Action", action, "NotAction", notAction, out problem);
        if (actions is null)
        {
            return null;
        }

        PolicyValues? resources = ReadPair(element, number, "Resource", resource, "NotResource", notResource, out problem);
        if (resources is null)
        {
            return null;
        }

        return new ParsedStatement
        {
            Number = number,
            IsAllow = isAllow,
            Effect = effect,
            Actions = actions,
            IsNotAction = action is null,
            Resources = resources,
            IsNotResource = resource is null,
            HasPrincipal = hasPrincipal,
            HasCondition = hasCondition,
            UnknownElements = unknown,
        };
    }

    /// <summary>Reads <c>Action</c>/<c>NotAction</c> (or the <c>Resource</c> pair): exactly one must be there.</summary>
    private static PolicyValues? ReadPair(
        JsonElement statement, int number, string name, JsonElement? value, string notName, JsonElement? notValue, out string? problem)
    {
        if (value is not null && notValue is not null)
        {
            problem = $"Statement {number} has both \"{name}\" and \"{notName}\"; IAM allows only one of them.";
            return null;
        }

        if ((value ?? notValue) is not JsonElement element)
        {
            problem = $"Statement {number} has no \"{name}\"{CaseHint(statement, name)}.";
            return null;
        }

        PolicyValues? values = ReadValues(element);
        problem = values is null
            ? $"Statement {number}: \"{(value is null ? notName : name)}\" must be a string or an array of strings, not {Describe(element.ValueKind)}."
            : null;
        return values;
    }

    private static PolicyValues? ReadValues(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return PolicyValues.One(element.GetString()!);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var values = new List<string>();
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            values.Add(item.GetString()!);
        }

        return PolicyValues.Many(values);
    }

    /// <summary>IAM element names are case-sensitive; point out a near miss such as <c>"statement"</c>.</summary>
    private static string CaseHint(JsonElement element, string expected)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, expected, StringComparison.OrdinalIgnoreCase))
            {
                return $" (it has \"{property.Name}\": element names are case-sensitive)";
            }
        }

        return string.Empty;
    }

    private static string NotJson(JsonException ex)
    {
        string reason = ex.Message;
        int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        // System.Text.Json speaks of its reader options; the person pasting only needs to know JSON forbids it.
        reason = reason
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal)
            .Replace(" which is not supported in this mode", ", which JSON does not allow", StringComparison.Ordinal)
            .TrimEnd('.', ' ');
        string where = ex.LineNumber is long line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1})")
            : string.Empty;
        return $"The text is not valid JSON{where}: {reason}.";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
