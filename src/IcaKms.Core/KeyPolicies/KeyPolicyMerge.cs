using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcaKms.Core.Validation;
using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.KeyPolicies;

/// <summary>
/// Merges the spec's cross-account statement (<see cref="CrossAccountKeyStatement"/>) into a KMS key policy by its
/// Sid, and decides whether the result may be sent. Pure: text in, result out.
/// </summary>
/// <remarks>
/// <para>The document is edited as a <see cref="JsonNode"/> tree, so every other statement keeps its fields, their
/// order, unknown fields and value shapes (a single string stays a string, an array stays an array), and the document
/// keeps <c>Version</c>, <c>Id</c> and any other top-level field. The statement is appended, or the one statement
/// with the spec's Sid is replaced at its position by the spec's statement verbatim (its other fields, e.g. a
/// <c>Condition</c>, do not survive: the spec's statement is the whole statement).</para>
/// <para>Formatting: the merged text is written the way the console and the spec show policies, indented with four
/// spaces and <c>\n</c> line breaks, without escaping characters JSON allows as they are (<see cref="PolicyJson.Options"/>).
/// Content is kept exactly; whitespace and string escapes are normalized. When that text would pass KMS's 32,768-byte
/// limit but the same document without indentation fits, the compact form is the one to send. The difference is
/// computed between the previous document and the merged one, both indented the same way, so it shows only what the
/// merge changes; <see cref="KeyPolicyMergeResult.PreviousPolicy"/> keeps the text exactly as it was read.</para>
/// </remarks>
public static class KeyPolicyMerge
{
    /// <summary>KMS's key-policy size limit, in bytes.</summary>
    public const int MaxPolicyBytes = 32_768;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 64 };

    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Merges the spec's statement for the request's role into its policy, or says why not.</summary>
    public static KeyPolicyMergeResult Merge(KeyPolicyMergeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string previous = request.CurrentPolicy ?? string.Empty;
        if (string.Equals(request.KeyManager?.Trim(), "AWS", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(previous, KeyPolicyMergeRefusal.AwsManagedKey,
                "AWS managed keys' policies cannot be changed: choose a customer managed key (KeyManager CUSTOMER) in step 1 for ICA's cross-account copy.");
        }

        FieldValidation role = RoleArnRule.Validate(request.RoleArn);
        if (!role.IsValid)
        {
            return Refuse(previous, KeyPolicyMergeRefusal.InvalidRoleArn, role.Error!);
        }

        if (KeyPolicyCaller.Parse(request.CallerArn) is not KeyPolicyCaller caller)
        {
            return Refuse(previous, KeyPolicyMergeRefusal.InvalidCaller,
                $"The caller {Quote(request.CallerArn)} is not an IAM user, role, assumed-role session or account root ARN, so the lockout rule cannot be checked: reconnect and try again.");
        }

        if (Read(previous, out string? problem) is not (JsonObject root, JsonArray statements))
        {
            return Refuse(previous, KeyPolicyMergeRefusal.NotAPolicy, problem!);
        }

        string sid = CrossAccountKeyStatement.Sid;
        List<int> matches = [.. Enumerable.Range(0, statements.Count).Where(i => HasSid(statements[i]!.AsObject(), sid))];
        if (matches.Count > 1)
        {
            string named = MessageList.Join([.. matches.Select(i => "#" + (i + 1).ToString(CultureInfo.InvariantCulture))]);
            return Refuse(previous, KeyPolicyMergeRefusal.DuplicateSid,
                $"Statements {named} all have the Sid '{sid}', so which one to replace is ambiguous: give all but one of them another Sid (or remove the extra ones) in the KMS console, then merge again.");
        }

        string previousPretty = Pretty(root);
        JsonNode wanted = JsonSerializer.SerializeToNode(CrossAccountKeyStatement.Create(role.Value), PolicyJson.Options)!;
        if (matches.Count == 1 && JsonNode.DeepEquals(statements[matches[0]], wanted))
        {
            return new KeyPolicyMergeResult
            {
                Outcome = KeyPolicyMergeOutcome.NoChange,
                PreviousPolicy = previous,
                MergedPolicy = previous,
                StatementIndex = matches[0],
                Message = $"Statement {KeyPolicyLockout.Label(statements[matches[0]]!.AsObject(), matches[0])} already is the spec's statement for {role.Value}: nothing to change.",
                Difference = PolicyDiff.Lines(previousPretty, previousPretty),
                MergedSize = Encoding.UTF8.GetByteCount(previous),
            };
        }

        string? lockoutBefore = KeyPolicyLockout.Problem(statements, caller);
        int index;
        string change;
        if (matches.Count == 1)
        {
            index = matches[0];
            change = $"Replaces statement {KeyPolicyLockout.Label(statements[index]!.AsObject(), index)} with the spec's statement for {role.Value}, at the same position";
            statements[index] = wanted;
        }
        else
        {
            index = statements.Count;
            change = $"Adds the spec's statement '{sid}' for {role.Value} as statement #{index + 1}";
            statements.Add(wanted);
        }

        if (KeyPolicyLockout.Problem(statements, caller) is string lockout)
        {
            string cause = lockoutBefore is null
                ? $" Statement #{index + 1}, which the merge replaces, is what lets you change the policy now: rename its Sid in the KMS console so the merge adds the statement instead, then merge again."
                : " Add a statement that allows it (the default key policy's \"Enable IAM User Permissions\" statement for the account root does), or let someone who can change the policy apply the statement.";
            return Refuse(previous, KeyPolicyMergeRefusal.Lockout,
                $"The new policy would lock you out of the key: {lockout}, so you could not change or restore the policy afterwards.{cause}");
        }

        string merged = Pretty(root);
        int size = Encoding.UTF8.GetByteCount(merged);
        string formatting = string.Empty;
        if (size > MaxPolicyBytes)
        {
            string compact = root.ToJsonString(CompactOptions);
            int compactSize = Encoding.UTF8.GetByteCount(compact);
            if (compactSize > MaxPolicyBytes)
            {
                return Refuse(previous, KeyPolicyMergeRefusal.TooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The merged key policy would be {compactSize:N0} bytes even without indentation, over KMS's limit of {MaxPolicyBytes:N0} bytes: remove or shorten statements the key no longer needs, then merge again."));
            }

            formatting = string.Create(CultureInfo.InvariantCulture,
                $" It is sent without indentation ({compactSize:N0} bytes): indented it would be {size:N0} bytes, over KMS's {MaxPolicyBytes:N0}-byte limit.");
            size = compactSize;
            merged = compact;
        }

        return new KeyPolicyMergeResult
        {
            Outcome = matches.Count == 1 ? KeyPolicyMergeOutcome.Replaced : KeyPolicyMergeOutcome.Added,
            PreviousPolicy = previous,
            MergedPolicy = merged,
            StatementIndex = index,
            Message = $"{change}; every other statement is kept as it is.{formatting}",
            Difference = PolicyDiff.Lines(previousPretty, Pretty(root)),
            MergedSize = size,
        };
    }

    /// <summary>The root object and its statements, or null with the reason. A single statement object becomes a one-item array.</summary>
    private static (JsonObject Root, JsonArray Statements)? Read(string text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The key policy is empty: read it again from KMS (GetKeyPolicy) before merging.";
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: ReadOptions);
            Materialize(node);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            problem = $"The key policy is not valid JSON ({ex.Message}): read it again from KMS (GetKeyPolicy) before merging.";
            return null;
        }

        if (node is not JsonObject root)
        {
            problem = "The key policy is not a JSON object: a key policy is {\"Version\": …, \"Statement\": [ … ]}.";
            return null;
        }

        if (!root.TryGetPropertyValue("Statement", out JsonNode? statementNode) || statementNode is null)
        {
            problem = "The key policy has no Statement array: it is not a key policy KMS would accept.";
            return null;
        }

        if (statementNode is JsonObject single)
        {
            root["Statement"] = new JsonArray(single.DeepClone());
            statementNode = root["Statement"];
        }

        if (statementNode is not JsonArray statements)
        {
            problem = "The key policy's Statement is not an array of statements: it is not a key policy KMS would accept.";
            return null;
        }

        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not JsonObject)
            {
                problem = $"Statement #{i + 1} of the key policy is not a JSON object: it is not a key policy KMS would accept.";
                return null;
            }
        }

        return (root, statements);
    }

    /// <summary>Builds every object of the tree now, so a duplicate property name fails while reading rather than later.</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (KeyValuePair<string, JsonNode?> property in o)
                {
                    Materialize(property.Value);
                }

                break;
            case JsonArray a:
                foreach (JsonNode? item in a)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private static bool HasSid(JsonObject statement, string sid) =>
        statement.TryGetPropertyValue("Sid", out JsonNode? node)
        && node is JsonValue value
        && value.GetValueKind() == JsonValueKind.String
        && string.Equals(value.GetValue<string>(), sid, StringComparison.Ordinal);

    private static string Pretty(JsonNode root) => root.ToJsonString(PolicyJson.Options);

    private static string Quote(string? text) => text is null ? "(none)" : "'" + (text.Length > 200 ? text[..200] + "…" : text) + "'";

    private static KeyPolicyMergeResult Refuse(string previous, KeyPolicyMergeRefusal refusal, string message) => new()
    {
        Outcome = KeyPolicyMergeOutcome.Refused,
        PreviousPolicy = previous,
        Refusal = refusal,
        Message = message,
    };
}
