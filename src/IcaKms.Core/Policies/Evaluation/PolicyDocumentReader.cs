using System.Text.Json;

namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// Reads a live policy document (identity, key or bucket policy) for evaluation. AWS validated it when it was stored, so
/// the reader is tolerant of IAM's shapes (one statement or an array; strings or arrays; <c>"*"</c> principals; booleans
/// and numbers as condition values) and fails only when the text is not a JSON object or a statement has no valid
/// <c>Effect</c>: a statement it cannot read must never silently drop out of a decision.
/// </summary>
public static class PolicyDocumentReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The statements, or null with the reason in <paramref name="problem"/>.</summary>
    public static IReadOnlyList<EvaluableStatement>? Read(string? json, out string? problem)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            problem = "The policy is empty.";
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "The policy is not a JSON object.";
                return null;
            }

            return Statements(document.RootElement, out problem);
        }
        catch (JsonException ex)
        {
            problem = $"The policy is not valid JSON (line {ex.LineNumber + 1}).";
            return null;
        }
    }

    private static List<EvaluableStatement>? Statements(JsonElement root, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty("Statement", out JsonElement statement))
        {
            return [];
        }

        List<JsonElement> items = statement.ValueKind switch
        {
            JsonValueKind.Object => [statement],
            JsonValueKind.Array => [.. statement.EnumerateArray()],
            _ => [],
        };
        var statements = new List<EvaluableStatement>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (Statement(items[i], i + 1, out problem) is not EvaluableStatement read)
            {
                return null;
            }

            statements.Add(read);
        }

        return statements;
    }

    private static EvaluableStatement? Statement(JsonElement element, int number, out string? problem)
    {
        problem = null;
        string? effect = element.ValueKind == JsonValueKind.Object ? Text(element, "Effect") : null;
        bool isAllow = string.Equals(effect, "Allow", StringComparison.Ordinal);
        if (!isAllow && !string.Equals(effect, "Deny", StringComparison.Ordinal))
        {
            problem = $"Statement {number} has no \"Effect\" of \"Allow\" or \"Deny\", so the policy cannot be evaluated.";
            return null;
        }

        bool notAction = !element.TryGetProperty("Action", out JsonElement action) && element.TryGetProperty("NotAction", out action);
        bool hasResource = element.TryGetProperty("Resource", out JsonElement resource);
        bool notResource = !hasResource && element.TryGetProperty("NotResource", out resource);
        PrincipalElement? principal = element.TryGetProperty("Principal", out JsonElement p) ? Principal(p, isNot: false)
            : element.TryGetProperty("NotPrincipal", out JsonElement np) ? Principal(np, isNot: true)
            : null;
        return new EvaluableStatement
        {
            Number = number,
            Sid = Text(element, "Sid"),
            IsAllow = isAllow,
            Principal = principal,
            Actions = action.ValueKind == JsonValueKind.Undefined ? [] : Strings(action),
            IsNotAction = notAction,
            Resources = hasResource || notResource ? Strings(resource) : null,
            IsNotResource = notResource,
            Conditions = element.TryGetProperty("Condition", out JsonElement condition) ? Conditions(condition) : [],
        };
    }

    private static PrincipalElement Principal(JsonElement element, bool isNot)
    {
        var byType = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.String)
        {
            byType["AWS"] = Strings(element);
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty type in element.EnumerateObject())
            {
                byType[type.Name] = Strings(type.Value);
            }
        }

        return new PrincipalElement(isNot, byType);
    }

    private static List<ConditionClause> Conditions(JsonElement element)
    {
        var clauses = new List<ConditionClause>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return clauses;
        }

        foreach (JsonProperty op in element.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                // A malformed block is kept as a clause no operator knows, so it makes the verdict open, never ignored.
                clauses.Add(new ConditionClause(op.Name, string.Empty, []));
                continue;
            }

            foreach (JsonProperty key in op.Value.EnumerateObject())
            {
                clauses.Add(new ConditionClause(op.Name, key.Name, Strings(key.Value)));
            }
        }

        return clauses;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A value or an array of them, as strings; booleans and numbers as their JSON text.</summary>
    private static List<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => [.. element.EnumerateArray().Select(Scalar).OfType<string>()],
        _ => Scalar(element) is string one ? [one.Trim()] : [],
    };

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Trim(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };
}
