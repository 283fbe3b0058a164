using System.Globalization;
using System.Net;
using System.Text.Json;

namespace IcaKms.FakeAws;

/// <content>
/// KMS, JSON 1.1 (<c>X-Amz-Target: TrentService.*</c>): DescribeKey, GetKeyPolicy, ListKeys, ListAliases, and the
/// writes CreateKey, CreateAlias and PutKeyPolicy over <see cref="FakeAwsState"/>.
/// </content>
public sealed partial class FakeAwsServer
{
    private const string KmsService = "kms";
    private const long KeyCreationDate = 1700000000;
    private const long KeyDeletionDate = 4102444800;
    private const int DefaultKmsPageSize = 100;
    private const int MaxKeyPolicyLength = 32768;

    private FakeAwsResponse AnswerKms(IncomingRequest request, string operationName)
    {
        string operation = $"kms:{operationName}";
        if (request.Scope is null)
        {
            return KmsError(operation, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (Caller(request) is not { } caller)
        {
            return KmsError(operation, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(request.Body.Length == 0 ? "{}" : request.Body);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return KmsError(operation, "SerializationException", "The request body is not JSON.");
        }

        string region = RegionOf(request);
        if (operationName is not ("DescribeKey" or "GetKeyPolicy" or "ListKeys" or "ListAliases" or "CreateKey" or "CreateAlias" or "PutKeyPolicy" or "ListGrants" or "CreateGrant"))
        {
            return KmsError(operation, "UnknownOperationException", $"FakeAwsServer does not implement {operation}.");
        }

        string? keyId = String(body, operationName == "CreateAlias" ? "TargetKeyId" : "KeyId");
        lock (_stateLock)
        {
            if (Denied(operation))
            {
                string resource = keyId is not null && Resolve(keyId, region, allowAlias: true).Key is { } denied
                    ? denied.KeyArn
                    : $"arn:aws:kms:{region}:{Scenario.AccountId}:key/*";
                return KmsError(operation, "AccessDeniedException",
                    $"User: {caller} is not authorized to perform: {operation} on resource: {resource} because no identity-based policy allows the {operation} action");
            }

            return operationName switch
            {
                "DescribeKey" => DescribeKey(operation, keyId, region),
                "GetKeyPolicy" => GetKeyPolicy(operation, body, keyId, region),
                "ListKeys" => KmsPage(operation, body, "Keys", OwnKeys(region)
                    .Select(key => (object)new Dictionary<string, object?> { ["KeyId"] = key.KeyId, ["KeyArn"] = key.KeyArn })
                    .ToList()),
                "CreateKey" => CreateKey(operation, body, region, caller),
                "CreateAlias" => CreateAlias(operation, body, keyId, region),
                "PutKeyPolicy" => PutKeyPolicy(operation, body, keyId, region, caller),
                "ListGrants" => ListGrants(operation, body, keyId, region),
                "CreateGrant" => CreateGrant(operation, body, keyId, region),
                _ => ListAliases(operation, body, keyId, region),
            };
        }
    }

    /// <summary>
    /// CreateKey: a new key in the signed region, with KMS's default key policy unless one is given (then the lockout
    /// check runs, as for PutKeyPolicy). Tags need <c>kms:TagResource</c> too.
    /// </summary>
    private FakeAwsResponse CreateKey(string operation, JsonElement body, string region, string caller)
    {
        string keySpec = String(body, "KeySpec") ?? String(body, "CustomerMasterKeySpec") ?? "SYMMETRIC_DEFAULT";
        string keyUsage = String(body, "KeyUsage") ?? "ENCRYPT_DECRYPT";
        if (keySpec == "SYMMETRIC_DEFAULT" && keyUsage != "ENCRYPT_DECRYPT")
        {
            return KmsError(operation, "ValidationException", $"KeyUsage {keyUsage} is not compatible with KeySpec SYMMETRIC_DEFAULT");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("Tags", out JsonElement tagList) && tagList.ValueKind == JsonValueKind.Array)
        {
            if (Denied("kms:TagResource"))
            {
                return KmsError(operation, "AccessDeniedException",
                    $"User: {caller} is not authorized to perform: kms:TagResource because no identity-based policy allows the kms:TagResource action");
            }

            foreach (JsonElement tag in tagList.EnumerateArray())
            {
                tags[String(tag, "TagKey") ?? ""] = String(tag, "TagValue") ?? "";
            }
        }

        string? policy = String(body, "Policy");
        if (policy is not null && PolicyProblem(policy, Scenario.AccountId, caller, Bypass(body)) is { } problem)
        {
            return KmsError(operation, "MalformedPolicyDocumentException", problem);
        }

        bool multiRegion = body.TryGetProperty("MultiRegion", out JsonElement multi) && multi.ValueKind == JsonValueKind.True;
        string id = multiRegion ? $"mrk-{Guid.NewGuid():N}" : Guid.NewGuid().ToString();
        var key = new FakeKmsKey($"arn:aws:kms:{region}:{Scenario.AccountId}:key/{id}")
        {
            KeySpec = keySpec,
            KeyUsage = keyUsage,
            Description = String(body, "Description") ?? "",
            Policy = policy,
            Tags = tags,
        };
        _state.Keys.Add(key);
        return KmsJson(operation, new Dictionary<string, object?> { ["KeyMetadata"] = Metadata(key) });
    }

    /// <summary>CreateAlias: a new <c>alias/NAME</c> (not <c>alias/aws/…</c>) for a customer managed key of the region, named by key id or key ARN.</summary>
    private FakeAwsResponse CreateAlias(string operation, JsonElement body, string? keyId, string region)
    {
        string? aliasName = String(body, "AliasName");
        if (aliasName is null || keyId is null)
        {
            return KmsError(operation, "ValidationException", "1 validation error detected: AliasName and TargetKeyId must not be null");
        }

        if (!aliasName.StartsWith("alias/", StringComparison.Ordinal) || aliasName.Length <= 6 || aliasName.StartsWith("alias/aws/", StringComparison.Ordinal))
        {
            return KmsError(operation, "InvalidAliasNameException", $"Alias {aliasName} must begin with 'alias/' and must not begin with 'alias/aws/'.");
        }

        (FakeKmsKey? key, string? problem) = Resolve(keyId, region, allowAlias: false);
        if (key is null)
        {
            return KmsError(operation, "NotFoundException", problem!);
        }

        if (key.KeyManager != "CUSTOMER")
        {
            return KmsError(operation, "NotAuthorizedException", $"{key.KeyArn} is an AWS managed key: it cannot get an alias.");
        }

        string aliasArn = $"arn:aws:kms:{region}:{Scenario.AccountId}:{aliasName}";
        if (_state.Aliases.Any(alias => alias.AliasName == aliasName && alias.Region == region && alias.Account == Scenario.AccountId))
        {
            return KmsError(operation, "AlreadyExistsException", $"An alias with the name {aliasArn} already exists");
        }

        _state.Aliases.Add(new FakeKmsAlias(aliasName, key.KeyArn));
        return KmsJson(operation, []);
    }

    /// <summary>
    /// PutKeyPolicy: replaces the <c>default</c> policy of a key named by key id or key ARN (never an alias), after
    /// KMS's checks: a JSON policy of at most 32 KB, and the lockout safety check (<see cref="PolicyProblem"/>) unless
    /// the request sets <c>BypassPolicyLockoutSafetyCheck</c>. An AWS managed key's policy cannot be changed.
    /// </summary>
    private FakeAwsResponse PutKeyPolicy(string operation, JsonElement body, string? keyId, string region, string caller)
    {
        if (keyId is null)
        {
            return MissingKeyId(operation);
        }

        (FakeKmsKey? key, string? problem) = Resolve(keyId, region, allowAlias: false);
        if (key is null)
        {
            return KmsError(operation, "NotFoundException", problem!);
        }

        string policyName = String(body, "PolicyName") ?? "default";
        if (policyName != "default")
        {
            return KmsError(operation, "NotFoundException", $"No such policy exists: {policyName}");
        }

        if (key.KeyManager != "CUSTOMER")
        {
            return KmsError(operation, "AccessDeniedException", $"User: {caller} is not authorized to perform: kms:PutKeyPolicy on resource: {key.KeyArn}: the policy of an AWS managed key cannot be changed");
        }

        string? policy = String(body, "Policy");
        if (policy is null || policy.Length > MaxKeyPolicyLength)
        {
            return KmsError(operation, "ValidationException",
                $"1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to {MaxKeyPolicyLength}");
        }

        if (PolicyProblem(policy, key.Account, caller, Bypass(body)) is { } invalid)
        {
            return KmsError(operation, "MalformedPolicyDocumentException", invalid);
        }

        _state.Replace(key with { Policy = policy });
        return KmsJson(operation, []);
    }

    private static bool Bypass(JsonElement body) =>
        body.TryGetProperty("BypassPolicyLockoutSafetyCheck", out JsonElement bypass) && bypass.ValueKind == JsonValueKind.True;

    /// <summary>
    /// Why KMS would refuse the key policy, or null. A simplified lockout safety check: some <c>Allow</c> statement
    /// must give <c>kms:PutKeyPolicy</c> (or <c>kms:*</c>, <c>*</c>) to the account (root ARN or account id), to the
    /// caller, to the role of an assumed-role caller, or to <c>*</c>. Unlike KMS it ignores <c>Deny</c>,
    /// <c>Condition</c>, <c>NotAction</c>, <c>NotPrincipal</c> and the caller's IAM policies (with the account root
    /// named, KMS would also need an IAM policy to allow it); it checks only that the document is JSON with a
    /// <c>Statement</c>, not KMS's whole grammar.
    /// </summary>
    internal static string? PolicyProblem(string policy, string account, string caller, bool bypass)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(policy);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "The policy is not valid JSON.";
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out JsonElement statements))
        {
            return "The policy has no Statement.";
        }

        if (bypass)
        {
            return null;
        }

        string[] parts = caller.Split(':', 6);
        string? callerRole = parts.Length == 6 && parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal)
            ? $"arn:aws:iam::{parts[4]}:role/{parts[5].Split('/')[1]}"
            : null;
        var principals = new HashSet<string>(StringComparer.Ordinal) { "*", account, $"arn:aws:iam::{account}:root", caller };
        if (callerRole is not null)
        {
            principals.Add(callerRole);
        }

        IEnumerable<JsonElement> list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : [statements];
        bool allowsCaller = list.Any(statement =>
            String(statement, "Effect") == "Allow"
            && Values(statement, "Action").Any(action => action is "*" || string.Equals(action, "kms:*", StringComparison.OrdinalIgnoreCase)
                || string.Equals(action, "kms:PutKeyPolicy", StringComparison.OrdinalIgnoreCase))
            && statement.TryGetProperty("Principal", out JsonElement principal)
            && (principal.ValueKind == JsonValueKind.String ? [principal.GetString() ?? ""] : Values(principal, "AWS")).Any(principals.Contains));
        return allowsCaller
            ? null
            : "The new key policy will not allow you to update the key policy in the future.";
    }

    /// <summary>A policy element that is a string or an array of strings.</summary>
    private static IEnumerable<string> Values(JsonElement parent, string name) =>
        parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out JsonElement value)
            ? []
            : value.ValueKind == JsonValueKind.String
                ? [value.GetString() ?? ""]
                : value.ValueKind == JsonValueKind.Array
                    ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString() ?? "")
                    : [];

    private FakeAwsResponse DescribeKey(string operation, string? keyId, string region)
    {
        if (keyId is null)
        {
            return MissingKeyId(operation);
        }

        (FakeKmsKey? key, string? problem) = Resolve(keyId, region, allowAlias: true);
        return key is null
            ? KmsError(operation, "NotFoundException", problem!)
            : KmsJson(operation, new Dictionary<string, object?> { ["KeyMetadata"] = Metadata(key) });
    }

    private FakeAwsResponse GetKeyPolicy(string operation, JsonElement body, string? keyId, string region)
    {
        if (keyId is null)
        {
            return MissingKeyId(operation);
        }

        // GetKeyPolicy takes a key id or key ARN, not an alias.
        (FakeKmsKey? key, string? problem) = Resolve(keyId, region, allowAlias: false);
        if (key is null)
        {
            return KmsError(operation, "NotFoundException", problem!);
        }

        string policyName = String(body, "PolicyName") ?? "default";
        return policyName != "default"
            ? KmsError(operation, "NotFoundException", $"No such policy exists: {policyName}")
            : KmsJson(operation, new Dictionary<string, object?>
            {
                ["Policy"] = key.Policy ?? FakeAwsScenario.KeyPolicy(key.Account),
                ["PolicyName"] = "default",
            });
    }

    /// <summary>ListGrants: the key's grants, paged; takes a key id or key ARN only.</summary>
    private FakeAwsResponse ListGrants(string operation, JsonElement body, string? keyId, string region)
    {
        if (keyId is null)
        {
            return MissingKeyId(operation);
        }

        (FakeKmsKey? key, string? problem) = Resolve(keyId, region, allowAlias: false);
        if (key is null)
        {
            return KmsError(operation, "NotFoundException", problem!);
        }

        return KmsPage(operation, body, "Grants", key.Grants.Select(grant => (object)GrantJson(key, grant)).ToList());
    }

    /// <summary>CreateGrant: adds a grant (grantee, operations, optional encryption-context constraints) and answers its id.</summary>
    private FakeAwsResponse CreateGrant(string operation, JsonElement body, string? keyId, string region)
    {
        if (keyId is null)
        {
            return MissingKeyId(operation);
        }

        (FakeKmsKey? key, string? problem) = Resolve(keyId, region, allowAlias: false);
        if (key is null)
        {
            return KmsError(operation, "NotFoundException", problem!);
        }

        string? grantee = String(body, "GranteePrincipal");
        List<string> operations = body.TryGetProperty("Operations", out JsonElement ops) && ops.ValueKind == JsonValueKind.Array
            ? [.. ops.EnumerateArray().Select(o => o.GetString() ?? string.Empty)]
            : [];
        if (grantee is null || operations.Count == 0)
        {
            return KmsError(operation, "ValidationException", "GranteePrincipal and Operations are required.");
        }

        Dictionary<string, string>? Constraint(string name) =>
            body.TryGetProperty("Constraints", out JsonElement constraints) && constraints.TryGetProperty(name, out JsonElement pairs) && pairs.ValueKind == JsonValueKind.Object
                ? pairs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
                : null;
        var grant = new IcaKms.Core.Aws.KmsGrant(
            Guid.NewGuid().ToString("N"), grantee, operations, Constraint("EncryptionContextEquals"), Constraint("EncryptionContextSubset"), String(body, "RetiringPrincipal"), String(body, "Name"));
        _state.Replace(key with { Grants = [.. key.Grants, grant] });
        return KmsJson(operation, new Dictionary<string, object?> { ["GrantId"] = grant.GrantId, ["GrantToken"] = $"token-{grant.GrantId}" });
    }

    private static Dictionary<string, object?> GrantJson(FakeKmsKey key, IcaKms.Core.Aws.KmsGrant grant)
    {
        var json = new Dictionary<string, object?>
        {
            ["KeyId"] = key.KeyArn,
            ["GrantId"] = grant.GrantId,
            ["GranteePrincipal"] = grant.GranteePrincipal,
            ["Operations"] = grant.Operations,
            ["IssuingAccount"] = $"arn:aws:iam::{key.Account}:root",
            ["CreationDate"] = KeyCreationDate,
        };
        if (grant.Name is not null)
        {
            json["Name"] = grant.Name;
        }

        if (grant.RetiringPrincipal is not null)
        {
            json["RetiringPrincipal"] = grant.RetiringPrincipal;
        }

        if (grant.EncryptionContextEquals is not null || grant.EncryptionContextSubset is not null)
        {
            var constraints = new Dictionary<string, object?>();
            if (grant.EncryptionContextEquals is not null)
            {
                constraints["EncryptionContextEquals"] = grant.EncryptionContextEquals;
            }

            if (grant.EncryptionContextSubset is not null)
            {
                constraints["EncryptionContextSubset"] = grant.EncryptionContextSubset;
            }

            json["Constraints"] = constraints;
        }

        return json;
    }

    private FakeAwsResponse ListAliases(string operation, JsonElement body, string? keyId, string region)
    {
        IEnumerable<FakeKmsKey> keys = OwnKeys(region);
        if (keyId is not null)
        {
            (FakeKmsKey? key, string? problem) = Resolve(keyId, region, allowAlias: false);
            if (key is null)
            {
                return KmsError(operation, "NotFoundException", problem!);
            }

            keys = [key];
        }

        var keyArns = keys.Select(key => key.KeyArn).ToHashSet(StringComparer.Ordinal);
        return KmsPage(operation, body, "Aliases", _state.Aliases
            .Where(alias => keyArns.Contains(alias.KeyArn))
            .OrderBy(alias => alias.AliasName, StringComparer.Ordinal)
            .Select(alias => (object)new Dictionary<string, object?>
            {
                ["AliasName"] = alias.AliasName,
                ["AliasArn"] = $"arn:aws:kms:{alias.Region}:{alias.Account}:{alias.AliasName}",
                ["TargetKeyId"] = alias.KeyArn.Split('/', 2)[^1],
                ["CreationDate"] = KeyCreationDate,
                ["LastUpdatedDate"] = KeyCreationDate,
            })
            .ToList());
    }

    private static FakeAwsResponse MissingKeyId(string operation) =>
        KmsError(operation, "ValidationException", "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");

    /// <summary>The account's own keys in a region (what ListKeys shows).</summary>
    private IEnumerable<FakeKmsKey> OwnKeys(string region) =>
        _state.Keys.Where(key => key.Region == region && key.Account == Scenario.AccountId);

    /// <summary>
    /// Finds a key by key id, key ARN, alias name or alias ARN, in the region the request is signed for (a key ARN may
    /// name another account's key); the not-found message otherwise.
    /// </summary>
    private (FakeKmsKey? Key, string? Problem) Resolve(string keyId, string region, bool allowAlias)
    {
        if (keyId.StartsWith("arn:", StringComparison.Ordinal))
        {
            string[] parts = keyId.Split(':');
            if (parts.Length != 6 || parts[2] != "kms")
            {
                return (null, $"Invalid arn {keyId}");
            }

            if (parts[3] != region)
            {
                return (null, $"Invalid arn {parts[3]}: the key is not in {region}");
            }

            if (parts[5].StartsWith("alias/", StringComparison.Ordinal))
            {
                return allowAlias
                    ? Found(AliasTarget(_state.Aliases.FirstOrDefault(alias => alias.Region == region && alias.Account == parts[4] && alias.AliasName == parts[5])),
                        $"Alias {keyId} is not found.")
                    : (null, $"Invalid keyId {keyId}: use the key id or key ARN");
            }

            return Found(_state.Keys.FirstOrDefault(key => key.KeyArn == keyId), $"Key '{keyId}' does not exist");
        }

        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
        {
            return allowAlias
                ? Found(AliasTarget(_state.Aliases.FirstOrDefault(alias => alias.Region == region && alias.Account == Scenario.AccountId && alias.AliasName == keyId)), $"Alias arn:aws:kms:{region}:{Scenario.AccountId}:{keyId} is not found.")
                : (null, $"Invalid keyId {keyId}: use the key id or key ARN");
        }

        return Found(OwnKeys(region).FirstOrDefault(key => key.KeyId == keyId), $"Key 'arn:aws:kms:{region}:{Scenario.AccountId}:key/{keyId}' does not exist");

        FakeKmsKey? AliasTarget(FakeKmsAlias? alias) => alias is null ? null : _state.Keys.FirstOrDefault(key => key.KeyArn == alias.KeyArn);

        static (FakeKmsKey? Key, string? Problem) Found(FakeKmsKey? key, string problem) => key is null ? (null, problem) : (key, null);
    }

    /// <summary>DescribeKey's <c>KeyMetadata</c>.</summary>
    private static Dictionary<string, object?> Metadata(FakeKmsKey key)
    {
        var metadata = new Dictionary<string, object?>
        {
            ["AWSAccountId"] = key.Account,
            ["KeyId"] = key.KeyId,
            ["Arn"] = key.KeyArn,
            ["CreationDate"] = KeyCreationDate,
            ["Enabled"] = key.KeyState == "Enabled",
            ["Description"] = key.Description,
            ["KeyUsage"] = key.KeyUsage,
            ["KeyState"] = key.KeyState,
            ["Origin"] = "AWS_KMS",
            ["KeyManager"] = key.KeyManager,
            ["CustomerMasterKeySpec"] = key.KeySpec,
            ["KeySpec"] = key.KeySpec,
            ["MultiRegion"] = key.KeyId.StartsWith("mrk-", StringComparison.Ordinal),
        };
        if (key.KeyUsage == "ENCRYPT_DECRYPT")
        {
            metadata["EncryptionAlgorithms"] = key.KeySpec == "SYMMETRIC_DEFAULT"
                ? new[] { "SYMMETRIC_DEFAULT" }
                : new[] { "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256" };
        }

        if (key.KeyState == "PendingDeletion")
        {
            metadata["DeletionDate"] = KeyDeletionDate;
            metadata["PendingDeletionWindowInDays"] = 30;
        }

        return metadata;
    }

    /// <summary>One page of a KMS list (<c>Limit</c> and <c>Marker</c> honoured, the marker being an offset).</summary>
    private static FakeAwsResponse KmsPage(string operation, JsonElement body, string name, List<object> items)
    {
        int limit = body.TryGetProperty("Limit", out JsonElement limitValue) && limitValue.TryGetInt32(out int requested)
            ? Math.Clamp(requested, 1, 1000)
            : DefaultKmsPageSize;
        string? marker = String(body, "Marker");
        if (!int.TryParse(marker ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out int start) || start > items.Count)
        {
            return KmsError(operation, "InvalidMarkerException", "The request was rejected because the marker that specifies where pagination should next begin is not valid.");
        }

        int next = start + limit;
        var page = new Dictionary<string, object?>
        {
            [name] = items.Skip(start).Take(limit).ToList(),
            ["Truncated"] = next < items.Count,
        };
        if (next < items.Count)
        {
            page["NextMarker"] = next.ToString(CultureInfo.InvariantCulture);
        }

        return KmsJson(operation, page);
    }

    private static string? String(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static FakeAwsResponse KmsJson(string operation, Dictionary<string, object?> body) =>
        new(KmsService, operation, HttpStatusCode.OK, JsonSerializer.Serialize(body), "application/x-amz-json-1.1", [("x-amzn-RequestId", NewRequestId())]);

    /// <summary>KMS's error document, <c>{"__type": …, "message": …}</c>, with 400 as KMS sends for all of these.</summary>
    private static FakeAwsResponse KmsError(string operation, string type, string message) =>
        new(KmsService, operation, HttpStatusCode.BadRequest,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }),
            "application/x-amz-json-1.1",
            [("x-amzn-RequestId", NewRequestId())]);
}
