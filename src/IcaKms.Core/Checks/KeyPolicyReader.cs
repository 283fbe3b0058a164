using System.Text.Json;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Checks;

/// <summary>One key-policy statement, reduced to what the checks ask: who it is for and which actions it allows or denies.</summary>
/// <param name="Number">Its position, from 1.</param>
/// <param name="Sid">Its <c>Sid</c>, or null.</param>
/// <param name="IsAllow">True for <c>Allow</c>; false for <c>Deny</c> or anything else.</param>
/// <param name="AnyPrincipal">True when the principal is <c>"*"</c> (or <c>{"AWS": "*"}</c>).</param>
/// <param name="AwsPrincipals">The AWS principals: account ids, root, user or role ARNs.</param>
/// <param name="Actions">The <c>Action</c> (or <c>NotAction</c>) patterns.</param>
/// <param name="IsNotAction">True when the statement uses <c>NotAction</c>.</param>
/// <param name="HasCondition">True when it has a <c>Condition</c>.</param>
internal sealed record KeyPolicyStatement(
    int Number,
    string? Sid,
    bool IsAllow,
    bool AnyPrincipal,
    IReadOnlyList<string> AwsPrincipals,
    IReadOnlyList<string> Actions,
    bool IsNotAction,
    bool HasCondition)
{
    /// <summary>The statement's name for messages: its Sid, else its number.</summary>
    public string Label => string.IsNullOrWhiteSpace(Sid) ? $"#{Number}" : $"'{Sid}'";

    /// <summary>True when the action patterns cover the action (wildcards such as <c>kms:*</c> count).</summary>
    public bool Covers(string action) =>
        Actions.Any(pattern => IamGlob.Matches(pattern, action, ignoreCase: true)) != IsNotAction;
}

/// <summary>
/// Reads a KMS key policy tolerantly: <c>Statement</c> an object or an array, <c>Principal</c> <c>"*"</c>, a string,
/// or <c>{"AWS": string or array}</c>, <c>Action</c> a string or an array. Whatever else it meets is skipped; it never throws.
/// </summary>
internal static class KeyPolicyReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 64,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The statements, or null with the reason when the text is not a JSON object.</summary>
    public static IReadOnlyList<KeyPolicyStatement>? Read(string? json, out string? problem)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            problem = "The key policy is empty.";
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "The key policy is not a JSON object.";
                return null;
            }

            problem = null;
            return Statements(document.RootElement);
        }
        catch (JsonException ex)
        {
            problem = $"The key policy is not valid JSON (line {ex.LineNumber + 1}).";
            return null;
        }
    }

    private static List<KeyPolicyStatement> Statements(JsonElement root)
    {
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
        var statements = new List<KeyPolicyStatement>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == JsonValueKind.Object)
            {
                statements.Add(Statement(items[i], i + 1));
            }
        }

        return statements;
    }

    private static KeyPolicyStatement Statement(JsonElement element, int number)
    {
        bool hasAction = element.TryGetProperty("Action", out JsonElement action);
        bool hasNotAction = !hasAction && element.TryGetProperty("NotAction", out action);
        bool anyPrincipal = false;
        var principals = new List<string>();
        if (element.TryGetProperty("Principal", out JsonElement principal))
        {
            ReadPrincipal(principal, principals, ref anyPrincipal);
        }

        return new KeyPolicyStatement(
            number,
            String(element, "Sid"),
            string.Equals(String(element, "Effect"), "Allow", StringComparison.OrdinalIgnoreCase),
            anyPrincipal,
            principals,
            hasAction || hasNotAction ? Strings(action) : [],
            hasNotAction,
            element.TryGetProperty("Condition", out _));
    }

    private static void ReadPrincipal(JsonElement principal, List<string> principals, ref bool anyPrincipal)
    {
        IEnumerable<string> values = principal.ValueKind switch
        {
            JsonValueKind.String => Strings(principal),
            JsonValueKind.Object when principal.TryGetProperty("AWS", out JsonElement aws) => Strings(aws),
            _ => [],
        };
        foreach (string value in values.Select(v => v.Trim()))
        {
            if (value == "*")
            {
                anyPrincipal = true;
            }
            else
            {
                principals.Add(value);
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A string, or the strings of an array (other items skipped); anything else is none.</summary>
    private static List<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => [.. element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        _ => [],
    };
}
