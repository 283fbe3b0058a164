using System.Globalization;
using System.Net;
using System.Text.Json;

namespace IcaKms.FakeAws;

/// <content>KMS, JSON 1.1 (<c>X-Amz-Target: TrentService.*</c>): DescribeKey, GetKeyPolicy, ListKeys, ListAliases.</content>
public sealed partial class FakeAwsServer
{
    private const string KmsService = "kms";
    private const long KeyCreationDate = 1700000000;
    private const long KeyDeletionDate = 4102444800;
    private const int DefaultKmsPageSize = 100;

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
        if (operationName is not ("DescribeKey" or "GetKeyPolicy" or "ListKeys" or "ListAliases"))
        {
            return KmsError(operation, "UnknownOperationException", $"FakeAwsServer does not implement {operation}.");
        }

        string? keyId = String(body, "KeyId");
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
            _ => ListAliases(operation, body, keyId, region),
        };
    }

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

        return KmsPage(operation, body, "Aliases", keys
            .Where(key => key.Alias is not null)
            .OrderBy(key => key.Alias, StringComparer.Ordinal)
            .Select(key => (object)new Dictionary<string, object?>
            {
                ["AliasName"] = key.Alias,
                ["AliasArn"] = $"arn:aws:kms:{key.Region}:{key.Account}:{key.Alias}",
                ["TargetKeyId"] = key.KeyId,
                ["CreationDate"] = KeyCreationDate,
                ["LastUpdatedDate"] = KeyCreationDate,
            })
            .ToList());
    }

    private static FakeAwsResponse MissingKeyId(string operation) =>
        KmsError(operation, "ValidationException", "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");

    /// <summary>The account's own keys in a region (what ListKeys shows).</summary>
    private IEnumerable<FakeKmsKey> OwnKeys(string region) =>
        Scenario.Keys.Where(key => key.Region == region && key.Account == Scenario.AccountId);

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
                    ? Found(Scenario.Keys.FirstOrDefault(key => key.Region == region && key.Account == parts[4] && key.Alias == parts[5]),
                        $"Alias {keyId} is not found.")
                    : (null, $"Invalid keyId {keyId}: use the key id or key ARN");
            }

            return Found(Scenario.Keys.FirstOrDefault(key => key.KeyArn == keyId), $"Key '{keyId}' does not exist");
        }

        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
        {
            return allowAlias
                ? Found(OwnKeys(region).FirstOrDefault(key => key.Alias == keyId), $"Alias arn:aws:kms:{region}:{Scenario.AccountId}:{keyId} is not found.")
                : (null, $"Invalid keyId {keyId}: use the key id or key ARN");
        }

        return Found(OwnKeys(region).FirstOrDefault(key => key.KeyId == keyId), $"Key 'arn:aws:kms:{region}:{Scenario.AccountId}:key/{keyId}' does not exist");

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
