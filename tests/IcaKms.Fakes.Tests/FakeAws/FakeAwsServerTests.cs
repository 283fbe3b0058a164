using IcaKms.Core;
using Microsoft.Extensions.DependencyInjection;
using IcaKms.FakeAws;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;
using IcaKms.Core.Policies;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters;

namespace IcaKms.Fakes.Tests.FakeAws;

/// <summary>
/// The fake AWS driven by the app's real gateways (the AWS SDK's S3, KMS and STS clients, and the IAM Query client)
/// over loopback HTTP, as the app sends to it with an endpoint override. No browser, no app process.
/// </summary>
public sealed partial class FakeAwsServerTests
{
    private const string Account = FakeAwsScenario.DefaultAccountId;
    private const string Region = "eu-west-2";
    private const string Bucket = "lab-ica-data";
    private const string KeyId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private const string KeyArn = $"arn:aws:kms:{Region}:{Account}:key/{KeyId}";
    private const string Secret = "fake-secret-access-key-never-recorded";
    private const string Token = "fake-session-token-never-recorded";

    [Fact]
    public async Task IdentifyAsync_KnownAccessKey_ReturnsItsCallerArn()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario
        {
            Credentials = new Dictionary<string, string>
            {
                ["ASIAFAKEALICE0000001"] = $"arn:aws:sts::{Account}:assumed-role/LabAdmin/alice",
                ["AKIAFAKEBOB000000002"] = $"arn:aws:iam::{Account}:user/bob",
            },
        });

        Result<CallerIdentity, AwsFailure> alice = await Factory(aws).IdentifyAsync(new SessionAWSCredentials("ASIAFAKEALICE0000001", Secret, Token), Region);
        Result<CallerIdentity, AwsFailure> bob = await Factory(aws).IdentifyAsync(new BasicAWSCredentials("AKIAFAKEBOB000000002", Secret), Region);

        Assert.True(alice.Succeeded, alice.Failure?.Message);
        Assert.Equal(Account, alice.Value!.Account);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/LabAdmin/alice", alice.Value.Arn);
        Assert.StartsWith("AROA", alice.Value.UserId, StringComparison.Ordinal);
        Assert.EndsWith(":alice", alice.Value.UserId, StringComparison.Ordinal);
        Assert.Equal($"arn:aws:iam::{Account}:user/bob", bob.Value!.Arn);
        Assert.StartsWith("AIDA", bob.Value.UserId, StringComparison.Ordinal);
        Assert.All(aws.Requests, request => Assert.Equal(new FakeAwsRequest("POST", "/", "sts", "sts:GetCallerIdentity", 200), request));
        Assert.Equal(2, aws.RequestCount);
    }

    [Fact]
    public async Task IdentifyAsync_UnknownAccessKey_FailsWithInvalidCredentials()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start();

        Result<CallerIdentity, AwsFailure> result = await Factory(aws).IdentifyAsync(new SessionAWSCredentials("ASIAUNKNOWN000000001", Secret, Token), Region);

        Assert.Equal(AwsFailureKind.InvalidCredentials, result.Failure!.Kind);
        Assert.Equal("InvalidClientTokenId", result.Failure.ErrorCode);
        Assert.Equal(new FakeAwsRequest("POST", "/", "sts", "sts:GetCallerIdentity", 403), Assert.Single(aws.Requests));
    }

    [Fact]
    public async Task S3_ReadsEveryBucketSetting_OfTheScenario()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            Versioning = "Suspended",
            Encryption = new BucketEncryption("aws:kms", KeyArn, true, ["SSE-C"]),
            ObjectOwnership = "BucketOwnerPreferred",
            PublicAccessBlock = new PublicAccessBlock(true, false, true, false),
        });
        IS3Gateway s3 = Gateways(aws).S3;

        Result<string, AwsFailure> region = await s3.GetBucketRegionAsync(Bucket);
        Result<BucketEncryption?, AwsFailure> encryption = await s3.GetDefaultEncryptionAsync(Bucket);
        Result<string?, AwsFailure> versioning = await s3.GetVersioningAsync(Bucket);
        Result<string?, AwsFailure> ownership = await s3.GetObjectOwnershipAsync(Bucket);
        Result<PublicAccessBlock?, AwsFailure> publicAccess = await s3.GetPublicAccessBlockAsync(Bucket);

        Assert.Equal(Region, region.Value);
        BucketEncryption rule = encryption.Value!;
        Assert.Equal(("aws:kms", KeyArn, true), (rule.SseAlgorithm, rule.KmsMasterKeyId, rule.BucketKeyEnabled));
        Assert.Equal(["SSE-C"], rule.BlockedEncryptionTypes);
        Assert.Equal("Suspended", versioning.Value);
        Assert.Equal("BucketOwnerPreferred", ownership.Value);
        Assert.Equal(new PublicAccessBlock(true, false, true, false), publicAccess.Value);
        Assert.Equal(
            ["s3:HeadBucket", "s3:GetBucketEncryption", "s3:GetBucketVersioning", "s3:GetBucketOwnershipControls", "s3:GetPublicAccessBlock"],
            aws.Requests.Select(request => request.Operation));
        Assert.All(aws.Requests, request => Assert.StartsWith($"/{Bucket}", request.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task S3_ReportsMissingConfigurations_AsNoValue()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            Versioning = null,
            Encryption = null,
            ObjectOwnership = null,
            PublicAccessBlock = null,
        });
        IS3Gateway s3 = Gateways(aws).S3;

        Result<BucketEncryption?, AwsFailure> encryption = await s3.GetDefaultEncryptionAsync(Bucket);
        Result<string?, AwsFailure> versioning = await s3.GetVersioningAsync(Bucket);
        Result<string?, AwsFailure> ownership = await s3.GetObjectOwnershipAsync(Bucket);
        Result<PublicAccessBlock?, AwsFailure> publicAccess = await s3.GetPublicAccessBlockAsync(Bucket);

        Assert.True(encryption.Succeeded && versioning.Succeeded && ownership.Succeeded && publicAccess.Succeeded);
        Assert.Null(encryption.Value);
        Assert.Null(versioning.Value);
        Assert.Null(ownership.Value);
        Assert.Null(publicAccess.Value);

        // The SDK hides the 404's error code of GetBucketEncryption; the gateway asks HeadBucket whether the bucket exists.
        Assert.Equal(
            [("s3:GetBucketEncryption", 404), ("s3:HeadBucket", 200), ("s3:GetBucketVersioning", 200), ("s3:GetBucketOwnershipControls", 404), ("s3:GetPublicAccessBlock", 404)],
            aws.Requests.Select(request => (request.Operation, request.StatusCode)));
    }

    [Theory]
    [InlineData("ica/", true)]
    [InlineData("ica/run-1/", true)]
    [InlineData("ica/run-2/", false)]
    [InlineData("data/", false)]
    [InlineData("", true)]
    public async Task S3_PrefixExists_WhenAKeyStartsWithIt(string prefix, bool exists)
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { ExistingPrefixes = ["ica/", "ica/run-1/sample.bam", "other/"] });

        Result<bool, AwsFailure> result = await Gateways(aws).S3.PrefixExistsAsync(Bucket, prefix);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(exists, result.Value);
        FakeAwsRequest request = Assert.Single(aws.Requests);
        Assert.Equal("s3:ListObjectsV2", request.Operation);
        Assert.Contains("list-type=2", request.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_UnknownBucket_FailsNotFound()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario());
        IS3Gateway s3 = Gateways(aws).S3;

        Result<string, AwsFailure> region = await s3.GetBucketRegionAsync("someone-elses-bucket");
        Result<BucketEncryption?, AwsFailure> encryption = await s3.GetDefaultEncryptionAsync("someone-elses-bucket");

        Assert.Equal(AwsFailureKind.NotFound, region.Failure!.Kind);
        Assert.Equal(AwsFailureKind.NotFound, encryption.Failure!.Kind);
        Assert.Equal("NoSuchBucket", encryption.Failure.ErrorCode);
        Assert.All(aws.Requests, request => Assert.Equal(404, request.StatusCode));
    }

    [Fact]
    public async Task S3_BucketInAnotherRegion_IsFoundByHeadBucketsRedirect()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { BucketRegion = "ap-southeast-2" });

        Result<string, AwsFailure> region = await Gateways(aws).S3.GetBucketRegionAsync(Bucket);

        Assert.Equal("ap-southeast-2", region.Value);
        Assert.Equal(("s3:HeadBucket", 301), (aws.Requests[0].Operation, aws.Requests[0].StatusCode));
    }

    [Fact]
    public async Task S3_DeniedListBucket_StillTellsTheRegion_ThroughHeadBucketsHeader()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { DeniedActions = new HashSet<string> { "s3:ListBucket" } });
        IS3Gateway s3 = Gateways(aws).S3;

        Result<string, AwsFailure> region = await s3.GetBucketRegionAsync(Bucket);
        Result<bool, AwsFailure> prefix = await s3.PrefixExistsAsync(Bucket, "ica/");

        Assert.Equal(Region, region.Value);
        Assert.Equal(AwsFailureKind.AccessDenied, prefix.Failure!.Kind);
        Assert.Equal("s3:ListBucket", prefix.Failure.Action);
    }

    [Theory]
    [InlineData("alias/lab-key")]
    [InlineData($"arn:aws:kms:{Region}:{Account}:alias/lab-key")]
    [InlineData(KeyId)]
    [InlineData(KeyArn)]
    public async Task Kms_DescribeKey_ResolvesToTheKeyArn(string keyIdOrAlias)
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());

        Result<KmsKeyDescription, AwsFailure> result = await Gateways(aws).Kms.DescribeKeyAsync(keyIdOrAlias);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(
            new KmsKeyDescription(KeyArn, KeyId, Region, Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null),
            result.Value);
        Assert.Equal(new FakeAwsRequest("POST", "/", "kms", "kms:DescribeKey", 200), Assert.Single(aws.Requests));
    }

    [Fact]
    public async Task Kms_DescribeKey_OfAMissingAliasOrAnotherRegionsKey_FailsNotFound()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());
        IKmsGateway kms = Gateways(aws).Kms;

        Result<KmsKeyDescription, AwsFailure> alias = await kms.DescribeKeyAsync("alias/missing");
        Result<KmsKeyDescription, AwsFailure> otherRegion = await kms.DescribeKeyAsync($"arn:aws:kms:us-east-1:{Account}:key/{KeyId}");

        Assert.Equal((AwsFailureKind.NotFound, "NotFoundException"), (alias.Failure!.Kind, alias.Failure.ErrorCode));
        Assert.Equal((AwsFailureKind.NotFound, "NotFoundException"), (otherRegion.Failure!.Kind, otherRegion.Failure.ErrorCode));
    }

    [Fact]
    public async Task Kms_DescribeKey_OfAKeyPendingDeletion_TellsTheStateAndDate()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with
        {
            Keys = [new FakeKmsKey($"arn:aws:kms:{Region}:{Account}:key/mrk-0123456789abcdef0123456789abcdef") { KeyState = "PendingDeletion" }],
        });

        Result<KmsKeyDescription, AwsFailure> result = await Gateways(aws).Kms.DescribeKeyAsync("mrk-0123456789abcdef0123456789abcdef");

        Assert.Equal("PendingDeletion", result.Value!.KeyState);
        Assert.True(result.Value.MultiRegion);
        Assert.Equal(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Value.DeletionDate);
    }

    [Fact]
    public async Task Kms_GetKeyPolicy_ReturnsTheKeysPolicy()
    {
        string policy = FakeAwsScenario.KeyPolicy(Account, FakeAwsScenario.UsEast1CrossAccountRoleArn);
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with
        {
            Keys = [new FakeKmsKey(KeyArn) { Alias = "alias/lab-key", Policy = policy }],
        });
        IKmsGateway kms = Gateways(aws).Kms;

        Result<string, AwsFailure> result = await kms.GetKeyPolicyAsync(KeyArn);
        Result<string, AwsFailure> byAlias = await kms.GetKeyPolicyAsync("alias/lab-key");

        Assert.Equal(policy, result.Value);
        JsonElement statements = JsonDocument.Parse(result.Value!).RootElement.GetProperty("Statement");
        Assert.Equal(["Enable IAM User Permissions", "Allow cross account access"], statements.EnumerateArray().Select(s => s.GetProperty("Sid").GetString()));
        Assert.Equal(FakeAwsScenario.UsEast1CrossAccountRoleArn, statements[1].GetProperty("Principal").GetProperty("AWS").GetString());

        // KMS's GetKeyPolicy takes a key id or ARN only.
        Assert.Equal(AwsFailureKind.NotFound, byAlias.Failure!.Kind);
    }

    [Fact]
    public async Task Kms_ListUsableKeys_LeavesOutAwsManaged_Disabled_Asymmetric_AndOtherRegionsKeys()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with
        {
            Keys =
            [
                new FakeKmsKey(KeyArn) { Alias = "alias/lab-key", Description = "lab data" },
                new FakeKmsKey(ArnOf("aaaaaaaa-0000-0000-0000-000000000001")) { Alias = "alias/aws/s3", KeyManager = "AWS" },
                new FakeKmsKey(ArnOf("aaaaaaaa-0000-0000-0000-000000000002")) { Alias = "alias/old", KeyState = "Disabled" },
                new FakeKmsKey(ArnOf("aaaaaaaa-0000-0000-0000-000000000003")) { KeySpec = "RSA_2048" },
                new FakeKmsKey(ArnOf("aaaaaaaa-0000-0000-0000-000000000004")),
                new FakeKmsKey($"arn:aws:kms:us-east-1:{Account}:key/aaaaaaaa-0000-0000-0000-000000000005") { Alias = "alias/us" },
            ],
        });

        Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> result = await Gateways(aws).Kms.ListUsableKeysAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(2, result.Value!.Count);
        Assert.Equal((KeyArn, "lab data"), (result.Value[0].KeyArn, result.Value[0].Description));
        Assert.Equal(["alias/lab-key"], result.Value[0].Aliases);
        Assert.Equal(ArnOf("aaaaaaaa-0000-0000-0000-000000000004"), result.Value[1].KeyArn);
        Assert.Empty(result.Value[1].Aliases);

        // The alias/aws/ key is skipped without a DescribeKey; the other four of the region are described.
        Assert.Equal(["kms:ListKeys", "kms:ListAliases"], aws.Requests.Take(2).Select(request => request.Operation));
        Assert.Equal(4, aws.Requests.Count(request => request.Operation == "kms:DescribeKey"));
    }

    [Fact]
    public async Task Kms_ListUsableKeys_PagesThroughMoreThanAHundredKeys()
    {
        FakeKmsKey[] keys = [.. Enumerable.Range(0, 130).Select(i => new FakeKmsKey(ArnOf($"bbbbbbbb-0000-0000-0000-{i:D12}")))];
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { Keys = keys });

        Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> result = await Gateways(aws).Kms.ListUsableKeysAsync();

        Assert.Equal(keys.Select(key => key.KeyArn).Order(StringComparer.Ordinal), result.Value!.Select(choice => choice.KeyArn));
        Assert.Equal(2, aws.Requests.Count(request => request.Operation == "kms:ListKeys"));
    }

    [Fact]
    public async Task Kms_DeniedAction_FailsAccessDenied()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { DeniedActions = new HashSet<string> { "kms:GetKeyPolicy" } });
        IKmsGateway kms = Gateways(aws).Kms;

        Result<KmsKeyDescription, AwsFailure> described = await kms.DescribeKeyAsync(KeyArn);
        Result<string, AwsFailure> policy = await kms.GetKeyPolicyAsync(KeyArn);

        Assert.True(described.Succeeded);
        Assert.Equal((AwsFailureKind.AccessDenied, "AccessDeniedException", "kms:GetKeyPolicy"), (policy.Failure!.Kind, policy.Failure.ErrorCode, policy.Failure.Action));
    }

    [Fact]
    public async Task Iam_ListsTheUsersPolicies_AndReadsTheDefaultVersionsDocument()
    {
        const string PolicyArn = $"arn:aws:iam::{Account}:policy/ica/ica-sse-kms";
        const string OtherArn = $"arn:aws:iam::{Account}:policy/ica-extra";
        string document = FakeAwsScenario.SpecIamPolicy(Bucket, KeyArn, versioned: true)
            .Replace("\"Version\"", "\"Id\": \"a+b & <c> 100%\",\n    \"Version\"", StringComparison.Ordinal);
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            UserPolicies = new Dictionary<string, IReadOnlyList<string>> { ["ica-user"] = [PolicyArn, OtherArn] },
            PolicyDocuments = new Dictionary<string, string> { [PolicyArn] = document, [OtherArn] = "{}" },
        });
        IIamGateway iam = Gateways(aws).Iam;

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> attached = await iam.ListAttachedUserPoliciesAsync("ica-user");
        Result<ManagedPolicyVersion, AwsFailure> version = await iam.GetPolicyDefaultVersionAsync(attached.Value![0].PolicyArn);

        Assert.Equal([new AttachedPolicy("ica-sse-kms", PolicyArn), new AttachedPolicy("ica-extra", OtherArn)], attached.Value);
        Assert.True(version.Succeeded, version.Failure?.Message);
        Assert.Equal(new ManagedPolicyVersion(PolicyArn, "v1", document), version.Value);
        Assert.Equal(
            [("iam:ListAttachedUserPolicies", 200), ("iam:GetPolicy", 200), ("iam:GetPolicyVersion", 200)],
            aws.Requests.Select(request => (request.Operation, request.StatusCode)));
        Assert.All(aws.Requests, request => Assert.Equal(("POST", "/", "iam"), (request.Method, request.PathAndQuery, request.Service)));
    }

    [Fact]
    public async Task Iam_UnknownUserOrPolicy_FailsNotFound()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario());
        IIamGateway iam = Gateways(aws).Iam;

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> user = await iam.ListAttachedUserPoliciesAsync("nobody");
        Result<ManagedPolicyVersion, AwsFailure> policy = await iam.GetPolicyDefaultVersionAsync("arn:aws:iam::aws:policy/ReadOnlyAccess");

        Assert.Equal((AwsFailureKind.NotFound, "NoSuchEntity"), (user.Failure!.Kind, user.Failure.ErrorCode));
        Assert.Equal((AwsFailureKind.NotFound, "NoSuchEntity"), (policy.Failure!.Kind, policy.Failure.ErrorCode));
    }

    [Fact]
    public async Task Scenario_Defaults_AreOneReadySetup_ThatFollowsRegionAndVersioning()
    {
        var scenario = new FakeAwsScenario { Region = Region, Versioning = "Enabled" };
        await using FakeAwsServer aws = FakeAwsServer.Start(scenario);
        AwsGateways gateways = Factory(aws).Create(Session(aws, FakeAwsScenario.DefaultAccessKeyId), Region);

        Result<BucketEncryption?, AwsFailure> encryption = await gateways.S3.GetDefaultEncryptionAsync(FakeAwsScenario.DefaultBucketName);
        Result<KmsKeyDescription, AwsFailure> key = await gateways.Kms.DescribeKeyAsync(encryption.Value!.KmsMasterKeyId!);
        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> attached = await gateways.Iam.ListAttachedUserPoliciesAsync(FakeAwsScenario.DefaultIamUserName);
        Result<ManagedPolicyVersion, AwsFailure> policy = await gateways.Iam.GetPolicyDefaultVersionAsync(Assert.Single(attached.Value!).PolicyArn);
        Result<string, AwsFailure> region = await gateways.S3.GetBucketRegionAsync(FakeAwsScenario.DefaultBucketName);
        Result<bool, AwsFailure> prefix = await gateways.S3.PrefixExistsAsync(FakeAwsScenario.DefaultBucketName, "ica/");

        Assert.Equal($"arn:aws:kms:{Region}:{Account}:key/{FakeAwsScenario.DefaultKeyId}", key.Value!.KeyArn);
        Assert.True(encryption.Value.BucketKeyEnabled);
        Assert.Equal(Region, region.Value);
        Assert.True(prefix.Value);

        // The default policy is the spec's versioned policy for the default bucket and key, as the app builds it.
        string expected = PolicyJson.Serialize(IcaIamPolicy.Create(FakeAwsScenario.DefaultBucketName, key.Value.KeyArn, PolicyVariant.Versioned));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(policy.Value!.Document)), policy.Value.Document);
    }

    [Fact]
    public void Scenario_DefaultKeyPolicies_AreJson_WithTheCrossAccountStatementWhereTheRoleIsKnown()
    {
        JsonElement Statements(FakeAwsScenario scenario) =>
            JsonDocument.Parse(scenario.DefaultKey.Policy!).RootElement.GetProperty("Statement");

        Assert.Equal(2, Statements(new FakeAwsScenario()).GetArrayLength());
        Assert.Equal(FakeAwsScenario.ApSoutheast2CrossAccountRoleArn,
            Statements(new FakeAwsScenario { Region = "ap-southeast-2" })[1].GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(1, Statements(new FakeAwsScenario { Region = "eu-west-2" }).GetArrayLength());
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(FakeAwsScenario.KeyPolicy(Account)).RootElement.ValueKind);
    }

    [Fact]
    public async Task Requests_AreRecorded_WithoutSecrets()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario());
        AwsGateways gateways = Gateways(aws);

        await Factory(aws).IdentifyAsync(new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, Secret, Token), Region);
        await gateways.S3.GetVersioningAsync(Bucket);
        await gateways.Kms.DescribeKeyAsync("alias/anything");
        await gateways.Iam.ListAttachedUserPoliciesAsync("nobody");

        Assert.Equal(["sts", "s3", "kms", "iam"], aws.Requests.Select(request => request.Service));
        string recorded = string.Join("\n", aws.Requests);
        Assert.DoesNotContain(Secret, recorded, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, recorded, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAwsScenario.DefaultAccessKeyId, recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("anything", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentCalls_ToEveryService_AreAllAnswered()
    {
        var scenario = new FakeAwsScenario();
        await using FakeAwsServer aws = FakeAwsServer.Start(scenario);
        AwsGateways gateways = Factory(aws).Create(Session(aws, FakeAwsScenario.DefaultAccessKeyId), FakeAwsScenario.DefaultRegion);
        const string Bucket = FakeAwsScenario.DefaultBucketName;

        Task<Result<CallerIdentity, AwsFailure>> identity = gateways.Sts.GetCallerIdentityAsync();
        AwsFailure?[] failures = await Task.WhenAll(
            FailureOf(gateways.S3.GetBucketRegionAsync(Bucket)),
            FailureOf(gateways.S3.GetDefaultEncryptionAsync(Bucket)),
            FailureOf(gateways.S3.GetVersioningAsync(Bucket)),
            FailureOf(gateways.S3.GetObjectOwnershipAsync(Bucket)),
            FailureOf(gateways.S3.GetPublicAccessBlockAsync(Bucket)),
            FailureOf(gateways.S3.PrefixExistsAsync(Bucket, "ica/")),
            FailureOf(gateways.Kms.DescribeKeyAsync(FakeAwsScenario.DefaultKeyAlias)),
            FailureOf(gateways.Kms.GetKeyPolicyAsync(scenario.DefaultKeyArn)),
            FailureOf(gateways.Iam.ListAttachedUserPoliciesAsync(FakeAwsScenario.DefaultIamUserName)),
            FailureOf(gateways.Iam.GetPolicyDefaultVersionAsync(scenario.DefaultPolicyArn)),
            FailureOf(identity));

        Assert.All(failures, Assert.Null);
        Assert.Equal(scenario.DefaultCallerArn, (await identity).Value!.Arn);
        Assert.Equal(12, aws.RequestCount);
        Assert.Equal(
            [("iam", 3), ("kms", 2), ("s3", 6), ("sts", 1)],
            aws.Requests.GroupBy(request => request.Service).Select(group => (group.Key, group.Count())).Order());
        Assert.All(aws.Requests, request => Assert.Equal(200, request.StatusCode));
    }

    [Fact]
    public async Task Latency_DelaysEveryAnswer_WhileConcurrentCallsOverlap()
    {
        TimeSpan latency = TimeSpan.FromMilliseconds(400);
        const int Calls = 10;
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { Latency = latency });
        IS3Gateway s3 = Gateways(aws).S3;
        await s3.GetVersioningAsync(Bucket);

        var clock = Stopwatch.StartNew();
        Result<string?, AwsFailure>[] results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => s3.GetVersioningAsync(Bucket)));
        clock.Stop();

        Assert.All(results, result => Assert.True(result.Succeeded, result.Failure?.Message));
        Assert.Equal(Calls + 1, aws.RequestCount);
        Assert.Equal(Calls + 1, aws.Requests.Count);
        Assert.True(clock.Elapsed >= latency, $"took {clock.Elapsed}, less than the latency");
        Assert.True(clock.Elapsed < latency * (Calls / 2), $"took {clock.Elapsed}: the calls were answered one after another");
    }

    [Fact]
    public async Task DisposeAsync_AnswersACallWaitingOutTheLatency_AndStopsListening()
    {
        FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { Latency = TimeSpan.FromMinutes(5) });
        IAwsGatewayFactory factory = Factory(aws, maxErrorRetry: 0, timeout: TimeSpan.FromMinutes(1));
        IS3Gateway s3 = factory.Create(Session(aws, FakeAwsScenario.DefaultAccessKeyId), Region).S3;
        Task<Result<string?, AwsFailure>> waiting = s3.GetVersioningAsync(Bucket);
        await aws.WaitUntilAsync(() => aws.RequestCount == 1, "the request reaching the fake");

        var clock = Stopwatch.StartNew();
        await aws.DisposeAsync();
        Result<string?, AwsFailure> ended = await waiting;
        Result<string?, AwsFailure> after = await s3.GetVersioningAsync(Bucket);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"dispose and the waiting call took {clock.Elapsed}");
        Assert.Equal("ServiceUnavailable", ended.Failure!.ErrorCode);
        Assert.Equal(new FakeAwsRequest("GET", $"/{Bucket}/?versioning", "fake", "fake:Stopping", 503), Assert.Single(aws.Requests));
        Assert.Equal(AwsFailureKind.Network, after.Failure!.Kind);
        await aws.DisposeAsync();
    }

    [Fact]
    public void Start_RejectsAMalformedScenario()
    {
        Assert.Throws<ArgumentException>(() => FakeAwsServer.Start(new FakeAwsScenario { Keys = [new FakeKmsKey("alias/not-a-key-arn")] }));
        Assert.Throws<ArgumentException>(() => FakeAwsServer.Start(new FakeAwsScenario { Versioning = "Off" }));
    }

    [Fact]
    public async Task Inspection_ReadsBucketInItsOwnRegion_WhenItLivesOutsideTheIcaRegion()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { BucketRegion = "eu-central-1", Versioning = "Suspended" });
        IAwsGatewayFactory factory = Factory(aws);
        AwsSession session = Session(aws, FakeAwsScenario.DefaultAccessKeyId);
        InspectionRequest request = InspectionRequest.Create(new SetupInputs { AwsRegion = Region, BucketName = Bucket, KeyArn = KeyArn, KeyPrefix = "ica/" });

        LiveSnapshot snapshot = await Inspection.RunAsync(
            factory.Create(session, Region), request, s3InRegion: region => factory.Create(session, region).S3);

        Assert.Equal("eu-central-1", snapshot.BucketRegion.Value);
        Assert.Equal("Suspended", snapshot.Versioning.Value);
        Assert.True(snapshot.Encryption.Succeeded, snapshot.Encryption.Failure?.Message);
        Assert.Contains(LiveChecks.Evaluate(snapshot, request), c => c.Id == "bucket-region" && c.State == CheckState.Fail);
    }

    [Fact]
    public async Task Inspection_ReadsTheKeyPolicy_WhenTheKeyIsGivenByAlias()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());
        SetupInputs inputs = Inputs() with { KeyArn = "alias/lab-key" };

        IReadOnlyList<SetupCheck> checks = await InspectAsync(aws, inputs);

        Assert.Equal(CheckState.Pass, Verdict(checks, LiveCheckIds.KeyPolicyIam).State);
        Assert.Equal(CheckState.Fail, Verdict(checks, LiveCheckIds.KeyResolves).State);
        Assert.Contains(aws.Requests, r => r.Operation == "kms:GetKeyPolicy" && r.StatusCode == 200);
        Assert.DoesNotContain(aws.Requests, r => r.Operation == "kms:GetKeyPolicy" && r.StatusCode != 200);
    }

    [Fact]
    public async Task Kms_GetKeyPolicy_RefusesAnAlias_AsKmsDoes()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());

        Result<string, AwsFailure> policy = await Gateways(aws).Kms.GetKeyPolicyAsync("alias/lab-key");

        Assert.Equal(AwsFailureKind.NotFound, policy.Failure!.Kind);
    }

    [Fact]
    public async Task Inspection_ExplainsAKeyArnOfAnotherRegion_FromTheArn()
    {
        const string westKeyArn = $"arn:aws:kms:us-west-2:{Account}:key/{KeyId}";
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { Keys = [new FakeKmsKey(westKeyArn)] });

        IReadOnlyList<SetupCheck> checks = await InspectAsync(aws, Inputs() with { KeyArn = westKeyArn });

        SetupCheck region = Verdict(checks, LiveCheckIds.KeyRegion);
        Assert.Equal((CheckState.Fail, true), (region.State, region.Finding.StartsWith($"The key is in us-west-2, the ICA region is {Region}", StringComparison.Ordinal)));
        Assert.Contains("is a key ARN in us-west-2", Verdict(checks, LiveCheckIds.KeyResolves).Finding, StringComparison.Ordinal);
        Assert.All(checks, c => Assert.DoesNotContain("finds no key", c.Finding, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspection_SaysTheBucketIsMissing_InOneSentence()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());

        IReadOnlyList<SetupCheck> checks = await InspectAsync(aws, Inputs() with { BucketName = "no-such-bucket-here" });

        string[] bucketChecks =
        [
            LiveCheckIds.BucketEncryption, LiveCheckIds.BucketKey, LiveCheckIds.PrefixFolder,
            LiveCheckIds.ObjectOwnership, LiveCheckIds.PublicAccess, LiveCheckIds.BucketVersioning,
        ];
        Assert.Equal((CheckState.Fail, "The bucket no-such-bucket-here does not exist."), (Verdict(checks, LiveCheckIds.BucketRegion).State, Verdict(checks, LiveCheckIds.BucketRegion).Finding));
        Assert.All(bucketChecks.Select(id => Verdict(checks, id)), c =>
            Assert.Equal((CheckState.NotChecked, "The bucket no-such-bucket-here does not exist, so this was not checked."), (c.State, c.Finding)));
    }

    [Fact]
    public async Task Inspection_FailsADefaultKeyArnKmsCannotFind()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { Keys = [], Encryption = new BucketEncryption("aws:kms", KeyArn, true, []) });

        IReadOnlyList<SetupCheck> checks = await InspectAsync(aws, Inputs());

        SetupCheck encryption = Verdict(checks, LiveCheckIds.BucketEncryption);
        Assert.Equal(CheckState.Fail, encryption.State);
        Assert.Contains("which KMS cannot find", encryption.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspection_WarnsOfADefaultKeyNamedByAlias_AndFailsIt_ForCrossAccountCopy()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { Encryption = new BucketEncryption("aws:kms", "alias/lab-key", true, []) });

        SetupCheck alone = Verdict(await InspectAsync(aws, Inputs()), LiveCheckIds.BucketEncryption);
        SetupCheck crossAccount = Verdict(
            await InspectAsync(aws, Inputs() with { CrossAccountCopy = true, CrossAccountRoleArn = "arn:aws:iam::079623148045:role/ica_euw2_crossacct" }),
            LiveCheckIds.BucketEncryption);

        Assert.Equal(CheckState.Warning, alone.State);
        Assert.Equal(CheckState.Fail, crossAccount.State);
        Assert.Contains($"full key ARN {KeyArn}", crossAccount.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Iam_ReadsInlineAndGroupPolicies_WithTheirDocumentsDecoded()
    {
        const string GroupPolicyArn = $"arn:aws:iam::{Account}:policy/IcaKmsAccess";
        string document = FakeAwsScenario.SpecIamPolicy(Bucket, KeyArn, versioned: false)
            .Replace("\"Version\"", "\"Id\": \"a+b & <c> 100%\",\n    \"Version\"", StringComparison.Ordinal);
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            UserPolicies = new Dictionary<string, IReadOnlyList<string>> { ["ica-user"] = [] },
            UserInlinePolicies = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["ica-user"] = new Dictionary<string, string> { ["inline-s3"] = document } },
            GroupMemberships = new Dictionary<string, IReadOnlyList<string>> { ["ica-user"] = ["ica-admins"] },
            Groups = new Dictionary<string, IReadOnlyList<string>> { ["ica-admins"] = [GroupPolicyArn] },
            GroupInlinePolicies = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["ica-admins"] = new Dictionary<string, string> { ["g-inline"] = "{}" } },
            PolicyDocuments = new Dictionary<string, string> { [GroupPolicyArn] = document },
        });
        IIamGateway iam = Gateways(aws).Iam;

        Result<IReadOnlyList<string>, AwsFailure> inlineNames = await iam.ListUserPoliciesAsync("ica-user");
        Result<InlinePolicy, AwsFailure> inline = await iam.GetUserPolicyAsync("ica-user", "inline-s3");
        Result<IReadOnlyList<string>, AwsFailure> groups = await iam.ListGroupsForUserAsync("ica-user");
        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> groupAttached = await iam.ListAttachedGroupPoliciesAsync("ica-admins");
        Result<IReadOnlyList<string>, AwsFailure> groupInline = await iam.ListGroupPoliciesAsync("ica-admins");
        Result<InlinePolicy, AwsFailure> groupPolicy = await iam.GetGroupPolicyAsync("ica-admins", "g-inline");
        Result<IReadOnlyList<string>, AwsFailure> noGroup = await iam.ListGroupPoliciesAsync("nobody");

        Assert.Equal(["inline-s3"], inlineNames.Value);
        Assert.Equal(new InlinePolicy("inline-s3", document), inline.Value);
        Assert.Equal(["ica-admins"], groups.Value);
        Assert.Equal([new AttachedPolicy("IcaKmsAccess", GroupPolicyArn)], groupAttached.Value);
        Assert.Equal(["g-inline"], groupInline.Value);
        Assert.Equal(new InlinePolicy("g-inline", "{}"), groupPolicy.Value);
        Assert.Equal((AwsFailureKind.NotFound, "NoSuchEntity"), (noGroup.Failure!.Kind, noGroup.Failure.ErrorCode));
    }

    [Fact]
    public async Task Inspection_PassesAUserWhosePoliciesComeFromAGroupAndAnInlinePolicy()
    {
        const string GroupPolicyArn = $"arn:aws:iam::{Account}:policy/IcaKmsAccess";
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with
        {
            UserPolicies = new Dictionary<string, IReadOnlyList<string>> { ["ica-user"] = [] },
            UserInlinePolicies = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                // The spec's policy without its KMS actions: those come from the group.
                ["ica-user"] = new Dictionary<string, string>
                {
                    ["ica-s3"] = FakeAwsScenario.SpecIamPolicy(Bucket, KeyArn, versioned: false).Replace("\"kms:", "\"none:", StringComparison.Ordinal),
                },
            },
            GroupMemberships = new Dictionary<string, IReadOnlyList<string>> { ["ica-user"] = ["ica-admins"] },
            Groups = new Dictionary<string, IReadOnlyList<string>> { ["ica-admins"] = [GroupPolicyArn] },
            PolicyDocuments = new Dictionary<string, string>
            {
                [GroupPolicyArn] = $$$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "{{{KeyArn}}}"}}""",
            },
        });

        SetupCheck check = Verdict(await InspectAsync(aws, Inputs() with { IamUserName = "ica-user" }), LiveCheckIds.IamPolicy);

        Assert.Equal(CheckState.Pass, check.State);
        Assert.Contains("the kms: actions via managed policy IcaKmsAccess of group ica-admins; the s3: and sts: actions via inline policy ica-s3 of user ica-user", check.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspection_DoesNotCheckThePolicies_WhenListingGroupsIsRefused()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with
        {
            UserPolicies = new Dictionary<string, IReadOnlyList<string>> { ["ica-user"] = [] },
            DeniedActions = new HashSet<string> { "iam:ListGroupsForUser" },
        });

        SetupCheck check = Verdict(await InspectAsync(aws, Inputs() with { IamUserName = "ica-user" }), LiveCheckIds.IamPolicy);

        Assert.Equal(CheckState.NotChecked, check.State);
        Assert.Contains("iam:ListGroupsForUser", check.Fix, StringComparison.Ordinal);
    }

    private static SetupInputs Inputs() => new() { AwsRegion = Region, BucketName = Bucket, KeyArn = KeyArn, KeyPrefix = "ica/" };

    private static async Task<IReadOnlyList<SetupCheck>> InspectAsync(FakeAwsServer aws, SetupInputs inputs)
    {
        IAwsGatewayFactory factory = Factory(aws);
        AwsSession session = Session(aws, FakeAwsScenario.DefaultAccessKeyId);
        var request = InspectionRequest.Create(inputs);
        LiveSnapshot snapshot = await Inspection.RunAsync(factory.Create(session, Region), request, s3InRegion: region => factory.Create(session, region).S3);
        return LiveChecks.Evaluate(snapshot, request);
    }

    private static SetupCheck Verdict(IReadOnlyList<SetupCheck> checks, string id) => checks.Single(c => c.Id == id);

    private static async Task<AwsFailure?> FailureOf<T>(Task<Result<T, AwsFailure>> call) => (await call).Failure;

    private static FakeAwsScenario BucketScenario() => new()
    {
        Region = Region,
        BucketName = Bucket,
    };

    private static FakeAwsScenario KeyScenario() => BucketScenario() with
    {
        Keys = [new FakeKmsKey(KeyArn) { Alias = "alias/lab-key" }],
    };

    private static string ArnOf(string keyId) => $"arn:aws:kms:{Region}:{Account}:key/{keyId}";

    /// <summary>The app's factory pointed at the fake: SDK clients by endpoint override, IAM by its Query client.</summary>
    private static IAwsGatewayFactory Factory(FakeAwsServer aws, int maxErrorRetry = 2, TimeSpan? timeout = null) =>
        new ServiceCollection()
            .AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = aws.Url, MaxErrorRetry = maxErrorRetry, Timeout = timeout ?? TimeSpan.FromSeconds(10) })
            .BuildServiceProvider()
            .GetRequiredService<IAwsGatewayFactory>();

    private static AwsSession Session(FakeAwsServer aws, string accessKeyId) => new(
        AwsSessionSource.Pasted,
        new SessionAWSCredentials(accessKeyId, Secret, Token),
        new CallerIdentity(Account, aws.Scenario.Credentials[accessKeyId], "AROAEXAMPLE:admin"),
        null);

    private static AwsGateways Gateways(FakeAwsServer aws) =>
        Factory(aws).Create(Session(aws, FakeAwsScenario.DefaultAccessKeyId), Region);
}
