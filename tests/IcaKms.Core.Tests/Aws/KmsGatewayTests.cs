using System.Net;
using System.Text.Json;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Tests.Aws;

public class KmsGatewayTests
{
    private const string Account = "111122223333";
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string KeyArn = $"arn:aws:kms:eu-west-2:{Account}:key/{KeyId}";

    private readonly AwsHttpStub _aws = new();

    [Theory]
    [InlineData("alias/lab-data")]
    [InlineData("arn:aws:kms:eu-west-2:111122223333:alias/lab-data")]
    [InlineData(KeyId)]
    [InlineData(KeyArn)]
    public async Task DescribeKey_ReturnsTheKeyArn_WhateverTheKeyIsNamedBy(string keyIdOrAlias)
    {
        _aws.RespondWith(_ => AwsHttpStub.Json(KeyMetadataJson(KeyId)));

        Result<KmsKeyDescription, AwsFailure> result = await _aws.Gateways().Kms.DescribeKeyAsync(keyIdOrAlias);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(
            new KmsKeyDescription(KeyArn, KeyId, "eu-west-2", Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null),
            result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("TrentService.DescribeKey", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal(keyIdOrAlias, JsonDocument.Parse(request.Body).RootElement.GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task DescribeKey_ReadsMultiRegionAndDeletionDate_OfAKeyPendingDeletion()
    {
        const string MrkArn = $"arn:aws:kms:eu-west-2:{Account}:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        _aws.RespondWith(_ => AwsHttpStub.Json($$"""
            {"KeyMetadata":{"AWSAccountId":"{{Account}}","Arn":"{{MrkArn}}","KeyId":"mrk-1234abcd12ab34cd56ef1234567890ab",
             "KeySpec":"SYMMETRIC_DEFAULT","KeyUsage":"ENCRYPT_DECRYPT","KeyState":"PendingDeletion","KeyManager":"CUSTOMER",
             "Enabled":false,"MultiRegion":true,"DeletionDate":1767225600,"Description":"","Origin":"AWS_KMS"} }
            """));

        Result<KmsKeyDescription, AwsFailure> result = await _aws.Gateways().Kms.DescribeKeyAsync(MrkArn);

        KmsKeyDescription key = result.Value!;
        Assert.Equal(MrkArn, key.KeyArn);
        Assert.True(key.MultiRegion);
        Assert.Equal("PendingDeletion", key.KeyState);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), key.DeletionDate);
    }

    [Fact]
    public async Task DescribeKey_FailsNotFound_NamingKeyAndRegion()
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError("NotFoundException", "Alias arn:aws:kms:eu-west-2:111122223333:alias/missing is not found."));

        Result<KmsKeyDescription, AwsFailure> result = await _aws.Gateways().Kms.DescribeKeyAsync("alias/missing");

        Assert.Equal(AwsFailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal("NotFoundException", result.Failure.ErrorCode);
        Assert.Equal(
            "The KMS key alias/missing does not exist in eu-west-2 (kms:DescribeKey): check the key ARN or alias and the region.",
            result.Failure.Message);
    }

    [Fact]
    public async Task DescribeKey_FailsAccessDenied_WithTheFix()
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError(
            "AccessDeniedException",
            $"User: arn:aws:sts::{Account}:assumed-role/Admin/alice is not authorized to perform: kms:DescribeKey on resource: {KeyArn}"));

        Result<KmsKeyDescription, AwsFailure> result = await _aws.Gateways().Kms.DescribeKeyAsync(KeyArn);

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure!.Kind);
        Assert.Equal("kms:DescribeKey", result.Failure.Action);
        Assert.Equal(KeyArn, result.Failure.Resource);
        Assert.Equal(
            $"AccessDenied on kms:DescribeKey for {KeyArn}: add kms:DescribeKey to your role's policy (and check the key policy allows your account).",
            result.Failure.Message);
    }

    [Theory]
    [InlineData("ThrottlingException", AwsFailureKind.Throttled)]
    [InlineData("UnrecognizedClientException", AwsFailureKind.InvalidCredentials)]
    [InlineData("ExpiredTokenException", AwsFailureKind.InvalidCredentials)]
    [InlineData("KMSInvalidStateException", AwsFailureKind.Other)]
    public async Task DescribeKey_MapsKmsErrorTypes(string type, AwsFailureKind expected)
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError(type, "details from KMS"));

        Result<KmsKeyDescription, AwsFailure> result = await _aws.Gateways().Kms.DescribeKeyAsync(KeyArn);

        Assert.Equal(expected, result.Failure!.Kind);
        Assert.Equal(type, result.Failure.ErrorCode);
    }

    [Fact]
    public async Task DescribeKey_ShowsKmsMessage_WhenTheErrorHasNoBetterWording()
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError("KMSInvalidStateException", $"{KeyArn} is pending deletion."));

        Result<KmsKeyDescription, AwsFailure> result = await _aws.Gateways().Kms.DescribeKeyAsync(KeyArn);

        Assert.Equal($"kms:DescribeKey for {KeyArn} failed (KMSInvalidStateException, HTTP 400): {KeyArn} is pending deletion.", result.Failure!.Message);
    }

    [Fact]
    public async Task GetKeyPolicy_AsksForTheDefaultPolicy()
    {
        const string Policy = """{"Version":"2012-10-17","Id":"key-default-1","Statement":[]}""";
        _aws.RespondWith(_ => AwsHttpStub.Json(JsonSerializer.Serialize(new { Policy, PolicyName = "default" })));

        Result<string, AwsFailure> result = await _aws.Gateways().Kms.GetKeyPolicyAsync(KeyArn);

        Assert.Equal(Policy, result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("TrentService.GetKeyPolicy", request.Target);
        JsonElement body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("default", body.GetProperty("PolicyName").GetString());
        Assert.Equal(KeyArn, body.GetProperty("KeyId").GetString());
    }

    [Fact]
    public async Task GetKeyPolicy_FailsAccessDenied_NamingTheAction()
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError("AccessDeniedException", "not authorized"));

        Result<string, AwsFailure> result = await _aws.Gateways().Kms.GetKeyPolicyAsync(KeyArn);

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure!.Kind);
        Assert.StartsWith($"AccessDenied on kms:GetKeyPolicy for {KeyArn}: add kms:GetKeyPolicy", result.Failure.Message);
    }

    [Fact]
    public async Task KmsCalls_AreSignedWithSigV4ForTheRegion()
    {
        _aws.RespondWith(_ => AwsHttpStub.Json(KeyMetadataJson(KeyId)));

        await _aws.Gateways().Kms.DescribeKeyAsync(KeyArn);

        string authorization = Assert.Single(_aws.Requests).Header("Authorization")!;
        Assert.StartsWith("AWS4-HMAC-SHA256 ", authorization, StringComparison.Ordinal);
        Assert.Contains($"/{AwsHttpStub.Region}/kms/aws4_request", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListUsableKeys_KeepsCustomerSymmetricEnabledKeys_SortedByAlias()
    {
        var account = new FakeKmsAccount
        {
            Keys =
            {
                ["k-zeta"] = Metadata("k-zeta", description: "zeta key"),
                ["k-alpha"] = Metadata("k-alpha", description: "alpha key"),
                ["k-plain"] = Metadata("k-plain"),
                ["k-rsa"] = Metadata("k-rsa", keySpec: "RSA_2048"),
                ["k-sign"] = Metadata("k-sign", keyUsage: "SIGN_VERIFY"),
                ["k-disabled"] = Metadata("k-disabled", keyState: "Disabled"),
                ["k-aws-noalias"] = Metadata("k-aws-noalias", keyManager: "AWS"),
                ["k-aws-s3"] = Metadata("k-aws-s3", keyManager: "AWS"),
                ["k-denied"] = null,
            },
            Aliases =
            {
                ("alias/zeta", "k-zeta"),
                ("alias/beta", "k-alpha"),
                ("alias/alpha", "k-alpha"),
                ("alias/aws/s3", "k-aws-s3"),
                ("alias/unattached", null),
            },
            PageSize = 4,
        };
        _aws.Respond = account.RespondAsync;

        Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> result = await _aws.Gateways().Kms.ListUsableKeysAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal([ArnOf("k-alpha"), ArnOf("k-zeta"), ArnOf("k-plain")], result.Value!.Select(key => key.KeyArn));
        Assert.Equal(["alias/alpha", "alias/beta"], result.Value![0].Aliases);
        Assert.Equal("alpha key", result.Value[0].Description);
        Assert.Empty(result.Value[2].Aliases);
        Assert.Equal("", result.Value[2].Description);
        Assert.DoesNotContain(account.Described, key => key.EndsWith("k-aws-s3", StringComparison.Ordinal));
        Assert.Equal(3, _aws.Requests.Count(request => request.Target == "TrentService.ListKeys"));
        Assert.Equal(2, _aws.Requests.Count(request => request.Target == "TrentService.ListAliases"));
    }

    [Fact]
    public async Task ListUsableKeys_SendsTheMarker_ToFetchTheNextPage()
    {
        var account = new FakeKmsAccount { Keys = { ["k-1"] = Metadata("k-1"), ["k-2"] = Metadata("k-2") }, PageSize = 1 };
        _aws.Respond = account.RespondAsync;

        Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> result = await _aws.Gateways().Kms.ListUsableKeysAsync();

        Assert.Equal(2, result.Value!.Count);
        string[] markers = _aws.Requests
            .Where(request => request.Target == "TrentService.ListKeys")
            .Select(request => JsonDocument.Parse(request.Body).RootElement.TryGetProperty("Marker", out JsonElement marker) ? marker.GetString()! : "")
            .ToArray();
        Assert.Equal(["", "page-1"], markers);
    }

    [Fact]
    public async Task ListUsableKeys_Fails_WhenListKeysIsDenied()
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError("AccessDeniedException", "not authorized to perform: kms:ListKeys"));

        Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> result = await _aws.Gateways().Kms.ListUsableKeysAsync();

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure!.Kind);
        Assert.Equal("kms:ListKeys", result.Failure.Action);
        Assert.Equal("AccessDenied on kms:ListKeys: add kms:ListKeys to your role's policy (and check the key policy allows your account).", result.Failure.Message);
        Assert.Single(_aws.Requests);
    }

    [Fact]
    public async Task ListUsableKeys_ListsKeysWithoutAliases_WhenListAliasesIsDenied()
    {
        var account = new FakeKmsAccount { Keys = { ["k-1"] = Metadata("k-1") }, Aliases = { ("alias/one", "k-1") }, DenyListAliases = true };
        _aws.Respond = account.RespondAsync;

        Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> result = await _aws.Gateways().Kms.ListUsableKeysAsync();

        KmsKeyChoice key = Assert.Single(result.Value!);
        Assert.Equal(ArnOf("k-1"), key.KeyArn);
        Assert.Empty(key.Aliases);
    }

    [Fact]
    public async Task ListUsableKeys_Fails_WhenDescribeKeyIsThrottled()
    {
        var account = new FakeKmsAccount { Keys = { ["k-1"] = Metadata("k-1"), ["k-2"] = Metadata("k-2") }, ThrottleDescribe = "k-2" };
        _aws.Respond = account.RespondAsync;

        Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> result = await _aws.Gateways().Kms.ListUsableKeysAsync();

        Assert.Equal(AwsFailureKind.Throttled, result.Failure!.Kind);
        Assert.Equal(ArnOf("k-2"), result.Failure.Resource);
    }

    private static string ArnOf(string keyId) => $"arn:aws:kms:eu-west-2:{Account}:key/{keyId}";

    private static string KeyMetadataJson(string keyId) => $$"""{"KeyMetadata":{{Metadata(keyId)}}}""";

    private static string Metadata(
        string keyId,
        string keySpec = "SYMMETRIC_DEFAULT",
        string keyUsage = "ENCRYPT_DECRYPT",
        string keyState = "Enabled",
        string keyManager = "CUSTOMER",
        string? description = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["AWSAccountId"] = Account,
            ["Arn"] = ArnOf(keyId),
            ["KeyId"] = keyId,
            ["CreationDate"] = 1700000000,
            ["Enabled"] = keyState == "Enabled",
            ["Description"] = description ?? "",
            ["KeySpec"] = keySpec,
            ["CustomerMasterKeySpec"] = keySpec,
            ["KeyUsage"] = keyUsage,
            ["KeyState"] = keyState,
            ["KeyManager"] = keyManager,
            ["Origin"] = "AWS_KMS",
            ["MultiRegion"] = false,
            ["EncryptionAlgorithms"] = new[] { "SYMMETRIC_DEFAULT" },
        });

    /// <summary>A KMS account behind the fake: ListKeys and ListAliases in pages, DescribeKey per key.</summary>
    private sealed class FakeKmsAccount
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _described = new();

        /// <summary>Key id → DescribeKey metadata JSON; null means DescribeKey is denied for that key.</summary>
        public Dictionary<string, string?> Keys { get; } = [];

        /// <summary>Alias name → target key id (null for an alias without a key).</summary>
        public List<(string Name, string? Target)> Aliases { get; } = [];

        public int PageSize { get; init; } = 100;

        public bool DenyListAliases { get; init; }

        public string? ThrottleDescribe { get; init; }

        public IReadOnlyList<string> Described => [.. _described];

        public Task<HttpResponseMessage> RespondAsync(RecordedRequest request, CancellationToken cancellationToken)
        {
            JsonElement body = JsonDocument.Parse(request.Body).RootElement;
            return Task.FromResult(request.Target switch
            {
                "TrentService.ListKeys" => Page(body, Keys.Keys.Select(id => (object)new { KeyId = id, KeyArn = ArnOf(id) }).ToList(), "Keys"),
                "TrentService.ListAliases" when DenyListAliases => AwsHttpStub.KmsError("AccessDeniedException", "not authorized to perform: kms:ListAliases"),
                "TrentService.ListAliases" => Page(
                    body,
                    Aliases.Select(alias => (object)new Dictionary<string, string?>
                    {
                        ["AliasName"] = alias.Name,
                        ["AliasArn"] = $"arn:aws:kms:eu-west-2:{Account}:{alias.Name}",
                        ["TargetKeyId"] = alias.Target,
                    }).ToList(),
                    "Aliases"),
                "TrentService.DescribeKey" => Describe(body.GetProperty("KeyId").GetString()!),
                _ => AwsHttpStub.KmsError("UnsupportedOperationException", request.Target),
            });
        }

        private HttpResponseMessage Describe(string keyArn)
        {
            _described.Enqueue(keyArn);
            string keyId = keyArn.Split('/')[^1];
            if (keyId == ThrottleDescribe)
            {
                return AwsHttpStub.KmsError("ThrottlingException", "Rate exceeded");
            }

            return Keys[keyId] is { } metadata
                ? AwsHttpStub.Json($$"""{"KeyMetadata":{{metadata}}}""")
                : AwsHttpStub.KmsError("AccessDeniedException", $"not authorized to perform: kms:DescribeKey on resource: {keyArn}");
        }

        private HttpResponseMessage Page(JsonElement body, List<object> items, string name)
        {
            int start = body.TryGetProperty("Marker", out JsonElement marker) ? int.Parse(marker.GetString()!["page-".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
            int next = start + PageSize;
            var page = new Dictionary<string, object>
            {
                [name] = items.Skip(start).Take(PageSize).ToList(),
                ["Truncated"] = next < items.Count,
            };
            if (next < items.Count)
            {
                page["NextMarker"] = $"page-{next}";
            }

            return AwsHttpStub.Json(JsonSerializer.Serialize(page));
        }
    }
}
