using System.Text.Json;
using System.Text.Json.Nodes;

namespace IcaKms.Core.Policies;

/// <summary>
/// KMS's lockout safety rule, checked before sending a key policy: the new policy must still let the caller call
/// <c>kms:PutKeyPolicy</c>. It holds when an <c>Allow</c> statement grants the action to the caller or to the caller's
/// account root (the default key policy's "Enable IAM User Permissions" statement, which lets IAM policies decide) and
/// no <c>Deny</c> statement takes it away. The reading is cautious, as a check that decides whether to send must be:
/// an <c>Allow</c> counts only without <c>Condition</c>, <c>NotPrincipal</c> or <c>NotResource</c> (they cannot be
/// evaluated here); a <c>Deny</c> counts whatever its conditions, unless its <c>NotPrincipal</c> names the caller's exact ARN.
/// </summary>
internal static class KeyPolicyLockout
{
    /// <summary>The action the caller must keep.</summary>
    public const string PutKeyPolicy = "kms:PutKeyPolicy";

    /// <summary>Null when the statements let the caller change the policy; otherwise the problem, in words.</summary>
    /// <param name="statements">The policy's statements (every item a JSON object).</param>
    /// <param name="caller">Who will send the policy.</param>
    public static string? Problem(JsonArray statements, KeyPolicyCaller caller)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(caller);
        var grants = new List<string>();
        var conditionalGrants = new List<string>();
        var denies = new List<string>();
        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not JsonObject statement || !CoversPutKeyPolicy(statement))
            {
                continue;
            }

            string label = Label(statement, i);
            string? effect = Text(statement, "Effect");
            if (effect == "Deny" && DenyApplies(statement, caller))
            {
                denies.Add(label);
            }
            else if (effect == "Allow" && statement.ContainsKey("Principal") && Names(statement["Principal"], caller))
            {
                bool unconditional = !statement.ContainsKey("Condition") && !statement.ContainsKey("NotPrincipal") && !statement.ContainsKey("NotResource");
                (unconditional ? grants : conditionalGrants).Add(label);
            }
        }

        if (denies.Count > 0)
        {
            return $"statement {MessageList.Join(denies)} denies {PutKeyPolicy} to {caller.Description} (or to everyone)";
        }

        if (grants.Count > 0)
        {
            return null;
        }

        string conditional = conditionalGrants.Count > 0
            ? $"; statement {MessageList.Join(conditionalGrants)} allows it only with a Condition, NotPrincipal or NotResource, which this check cannot evaluate"
            : string.Empty;
        return $"no statement would allow {PutKeyPolicy} to {caller.Description} or to the account root {caller.RootArn}{conditional}";
    }

    /// <summary>The statement's name for messages: <c>#n 'Sid'</c>, or <c>#n</c> without a Sid (n from 1).</summary>
    public static string Label(JsonObject statement, int index) =>
        Text(statement, "Sid") is { Length: > 0 } sid ? $"#{index + 1} '{sid}'" : $"#{index + 1}";

    private static bool DenyApplies(JsonObject statement, KeyPolicyCaller caller)
    {
        if (statement.ContainsKey("NotPrincipal"))
        {
            // Everyone but the listed principals: the caller escapes only when its exact ARN is listed.
            return !Principals(statement["NotPrincipal"], out _).Contains(caller.Arn, StringComparer.Ordinal);
        }

        return statement.ContainsKey("Principal") && Names(statement["Principal"], caller);
    }

    private static bool Names(JsonNode? principal, KeyPolicyCaller caller)
    {
        List<string> aws = Principals(principal, out bool anyone);
        return anyone || aws.Exists(p => caller.IsNamedBy(p));
    }

    /// <summary>The AWS principals of <c>"*"</c>, <c>{"AWS": string or array}</c>; <paramref name="anyone"/> for <c>"*"</c>.</summary>
    private static List<string> Principals(JsonNode? principal, out bool anyone)
    {
        anyone = false;
        List<string> values = principal switch
        {
            JsonValue => Strings(principal),
            JsonObject o when o.TryGetPropertyValue("AWS", out JsonNode? aws) => Strings(aws),
            _ => [],
        };
        values = [.. values.Select(v => v.Trim())];
        anyone = values.Contains("*");
        return values;
    }

    private static bool CoversPutKeyPolicy(JsonObject statement)
    {
        if (statement.TryGetPropertyValue("Action", out JsonNode? action))
        {
            return Strings(action).Exists(Matches);
        }

        return statement.TryGetPropertyValue("NotAction", out JsonNode? notAction) && !Strings(notAction).Exists(Matches);
    }

    private static bool Matches(string pattern) => IamGlob.Matches(pattern.Trim(), PutKeyPolicy, ignoreCase: true);

    private static string? Text(JsonObject statement, string name) =>
        statement.TryGetPropertyValue(name, out JsonNode? node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    /// <summary>A string, or the strings of an array (other items skipped); anything else is none.</summary>
    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonArray array => [.. array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())],
        _ => [],
    };
}
