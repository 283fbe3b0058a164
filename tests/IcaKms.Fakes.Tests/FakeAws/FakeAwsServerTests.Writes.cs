using System.Text.Json.Nodes;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.FakeAws;

namespace IcaKms.Fakes.Tests.FakeAws;

/// <content>
/// The S3 and KMS writes of the apply flow through the app's real gateways against the fake: each write changes the
/// fake's state as AWS would, and the reads that follow see it.
/// </content>
public sealed partial class FakeAwsServerTests
{
    private const string OtherKeyId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    [Fact]
    public async Task CreateBucket_InAnEmptyAccount_MakesABucketWithS3sDefaults_AndAgainSaysItIsYours()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { BucketExists = false });
        IS3Gateway s3 = Gateways(aws).S3;
        Assert.Equal(AwsFailureKind.NotFound, (await s3.GetBucketRegionAsync(Bucket)).Failure?.Kind);

        Result<BucketCreation, AwsFailure> created = await s3.CreateBucketAsync(Bucket, Region);
        Result<BucketCreation, AwsFailure> again = await s3.CreateBucketAsync(Bucket, Region);

        Assert.True(created.Succeeded, created.Failure?.Message);
        Assert.False(created.Value!.AlreadyOwnedByYou);
        Assert.True(again.Value!.AlreadyOwnedByYou);
        Assert.Equal(Region, (await s3.GetBucketRegionAsync(Bucket)).Value);
        BucketEncryption encryption = (await s3.GetDefaultEncryptionAsync(Bucket)).Value!;
        Assert.Equal(("AES256", (string?)null), (encryption.SseAlgorithm, encryption.KmsMasterKeyId));
        Assert.Equal(["SSE-C"], encryption.BlockedEncryptionTypes);
        Assert.Equal("BucketOwnerEnforced", (await s3.GetObjectOwnershipAsync(Bucket)).Value);
        Assert.True((await s3.GetPublicAccessBlockAsync(Bucket)).Value!.IsFullyBlocked);
        Assert.Null((await s3.GetVersioningAsync(Bucket)).Value);
        Assert.Equal(
            [("s3:CreateBucket", 200), ("s3:CreateBucket", 409)],
            aws.Requests.Where(request => request.Operation == "s3:CreateBucket").Select(request => (request.Operation, request.StatusCode)));
    }

    [Fact]
    public async Task CreateBucket_InUsEast1_IsAcceptedWithoutLocationConstraint()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario { BucketExists = false, BucketName = Bucket });
        IS3Gateway s3 = Factory(aws).Create(Session(aws, FakeAwsScenario.DefaultAccessKeyId), "us-east-1").S3;

        Result<BucketCreation, AwsFailure> created = await s3.CreateBucketAsync(Bucket, "us-east-1");

        Assert.True(created.Succeeded, created.Failure?.Message);
        Assert.Equal("us-east-1", aws.Bucket(Bucket)!.Region);
    }

    [Fact]
    public async Task CreateBucket_ForAnotherRegionThanTheClients_IsRefusedAsS3Does()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { BucketExists = false });

        Result<BucketCreation, AwsFailure> created = await Gateways(aws).S3.CreateBucketAsync(Bucket, "eu-west-1");

        Assert.Equal("IllegalLocationConstraintException", created.Failure!.ErrorCode);
        Assert.Null(aws.Bucket(Bucket));
    }

    [Fact]
    public async Task CreateBucket_OfANameTakenByAnotherAccount_FailsSayingSo()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            BucketExists = false,
            TakenBucketNames = new HashSet<string>(StringComparer.Ordinal) { Bucket },
        });

        Result<BucketCreation, AwsFailure> created = await Gateways(aws).S3.CreateBucketAsync(Bucket, Region);

        Assert.Equal("BucketAlreadyExists", created.Failure!.ErrorCode);
        Assert.StartsWith($"The bucket name {Bucket} is taken by another account", created.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDefaultEncryption_ByReadModifyWrite_SetsTheKeyAndBucketKey_AndKeepsSseCBlocked()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            Encryption = new BucketEncryption("AES256", null, false, ["SSE-C"]),
        });
        IS3Gateway s3 = Gateways(aws).S3;
        BucketEncryption? existing = (await s3.GetDefaultEncryptionAsync(Bucket)).Value;

        Result<BucketEncryption, AwsFailure> written = await s3.PutDefaultEncryptionAsync(Bucket, BucketEncryption.SseKms(KeyArn, existing));

        Assert.True(written.Succeeded, written.Failure?.Message);
        BucketEncryption read = (await s3.GetDefaultEncryptionAsync(Bucket)).Value!;
        Assert.Equal(("aws:kms", KeyArn, true), (read.SseAlgorithm, read.KmsMasterKeyId, read.BucketKeyEnabled));
        Assert.Equal(["SSE-C"], read.BlockedEncryptionTypes);
    }

    [Fact]
    public async Task PutDefaultEncryption_ReplacesTheWholeRule_SoARuleWithoutBlockedTypesUnblocksThem()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            Encryption = new BucketEncryption("AES256", null, false, ["SSE-C"]),
        });
        IS3Gateway s3 = Gateways(aws).S3;

        await s3.PutDefaultEncryptionAsync(Bucket, BucketEncryption.SseKms(KeyArn, existing: null));

        Assert.Empty((await s3.GetDefaultEncryptionAsync(Bucket)).Value!.BlockedEncryptionTypes);
    }

    [Fact]
    public async Task PutPublicAccessBlockAndOwnership_AreReadBackAsWritten()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { PublicAccessBlock = null, ObjectOwnership = "ObjectWriter" });
        IS3Gateway s3 = Gateways(aws).S3;

        Result<PublicAccessBlock, AwsFailure> block = await s3.PutPublicAccessBlockAsync(Bucket);
        Result<string, AwsFailure> ownership = await s3.PutBucketOwnerEnforcedAsync(Bucket);

        Assert.True(block.Succeeded && ownership.Succeeded, block.Failure?.Message ?? ownership.Failure?.Message);
        Assert.Equal(new PublicAccessBlock(true, true, true, true), (await s3.GetPublicAccessBlockAsync(Bucket)).Value);
        Assert.Equal("BucketOwnerEnforced", (await s3.GetObjectOwnershipAsync(Bucket)).Value);
    }

    [Fact]
    public async Task CreateFolder_MakesThePrefixExist_EncryptedWithTheKey()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { ExistingPrefixes = [] });
        IS3Gateway s3 = Gateways(aws).S3;
        Assert.False((await s3.PrefixExistsAsync(Bucket, "ica/")).Value);

        Result<ObjectWrite, AwsFailure> folder = await s3.CreateFolderAsync(Bucket, "ica/", KeyArn);

        Assert.Equal(new ObjectWrite(null, "aws:kms", KeyArn, true), folder.Value);
        Assert.True((await s3.PrefixExistsAsync(Bucket, "ica/")).Value);
        Assert.Equal(new ObjectHead("aws:kms", KeyArn, true, null, 0), (await s3.HeadObjectAsync(Bucket, "ica/")).Value);
    }

    [Fact]
    public async Task Verification_OnAVersionedBucket_WritesUnderTheDefaultKey_ReadsIt_AndDeletesItsVersionForGood()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with
        {
            Versioning = "Enabled",
            Encryption = new BucketEncryption("aws:kms", "alias/lab-key", true, []),
        });
        IS3Gateway s3 = Gateways(aws).S3;

        Result<ObjectWrite, AwsFailure> written = await s3.PutObjectAsync(Bucket, "ica/icakms-check.txt", "written by IcaKms");
        Result<ObjectHead, AwsFailure> head = await s3.HeadObjectAsync(Bucket, "ica/icakms-check.txt");
        Result<ObjectDeletion, AwsFailure> deleted = await s3.DeleteObjectAsync(Bucket, "ica/icakms-check.txt", written.Value!.VersionId);

        Assert.True(written.Succeeded, written.Failure?.Message);
        Assert.NotNull(written.Value.VersionId);
        Assert.Equal(new ObjectHead("aws:kms", KeyArn, true, written.Value.VersionId, "written by IcaKms".Length), head.Value);
        Assert.Equal(new ObjectDeletion(written.Value.VersionId, false), deleted.Value);
        Assert.Equal(AwsFailureKind.NotFound, (await s3.HeadObjectAsync(Bucket, "ica/icakms-check.txt")).Failure?.Kind);
        Assert.DoesNotContain(aws.Bucket(Bucket)!.Objects, item => item.Key == "ica/icakms-check.txt");
    }

    [Fact]
    public async Task DeleteObject_WithoutAVersion_OnAVersionedBucket_LeavesTheVersionBehindADeleteMarker()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { Versioning = "Enabled", Encryption = BucketEncryption.SseKms(KeyArn, null) });
        IS3Gateway s3 = Gateways(aws).S3;
        ObjectWrite written = (await s3.PutObjectAsync(Bucket, "ica/icakms-check.txt", "check")).Value!;

        Result<ObjectDeletion, AwsFailure> deleted = await s3.DeleteObjectAsync(Bucket, "ica/icakms-check.txt");

        Assert.True(deleted.Value!.DeleteMarker);
        Assert.NotEqual(written.VersionId, deleted.Value.VersionId);
        Assert.Equal(AwsFailureKind.NotFound, (await s3.HeadObjectAsync(Bucket, "ica/icakms-check.txt")).Failure?.Kind);
        Assert.Equal("aws:kms", (await s3.HeadObjectAsync(Bucket, "ica/icakms-check.txt", written.VersionId)).Value?.ServerSideEncryption);
    }

    [Fact]
    public async Task PutObject_OnAnUnversionedBucket_HasNoVersion_AndDeleteRemovesIt()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { Encryption = BucketEncryption.SseKms(KeyArn, null) });
        IS3Gateway s3 = Gateways(aws).S3;

        ObjectWrite written = (await s3.PutObjectAsync(Bucket, "ica/icakms-check.txt", "check")).Value!;
        ObjectDeletion deleted = (await s3.DeleteObjectAsync(Bucket, "ica/icakms-check.txt")).Value!;

        Assert.Equal(new ObjectWrite(null, "aws:kms", KeyArn, true), written);
        Assert.Equal(new ObjectDeletion(null, false), deleted);
        Assert.DoesNotContain(aws.Bucket(Bucket)!.Objects, item => item.Key == "ica/icakms-check.txt");
    }

    [Fact]
    public async Task PutObject_FailsLikeS3_WhenTheDefaultEncryptionNamesAKeyThatDoesNotExist()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { Encryption = BucketEncryption.SseKms(ArnOf(OtherKeyId), null) });

        Result<ObjectWrite, AwsFailure> written = await Gateways(aws).S3.PutObjectAsync(Bucket, "ica/icakms-check.txt", "check");

        Assert.Equal("KMS.NotFoundException", written.Failure!.ErrorCode);
        Assert.DoesNotContain(aws.Bucket(Bucket)!.Objects, item => item.Key == "ica/icakms-check.txt");
    }

    [Fact]
    public async Task PutObject_FromManyCallersAtOnce_KeepsEveryVersion()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with { Versioning = "Enabled", Encryption = BucketEncryption.SseKms(KeyArn, null) });
        IS3Gateway s3 = Gateways(aws).S3;

        Result<ObjectWrite, AwsFailure>[] writes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => s3.PutObjectAsync(Bucket, "ica/same.txt", $"write {i}")));

        Assert.All(writes, write => Assert.True(write.Succeeded, write.Failure?.Message));
        Assert.Equal(16, writes.Select(write => write.Value!.VersionId).Distinct().Count());
        Assert.Equal(16, aws.Bucket(Bucket)!.Objects.Count(item => item.Key == "ica/same.txt"));
    }

    [Fact]
    public async Task CreateKeyAndAlias_TheKeyIsDescribedListedAndHasKmsDefaultPolicy()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with { Keys = [] });
        IKmsGateway kms = Gateways(aws).Kms;

        Result<KmsKeyDescription, AwsFailure> created = await kms.CreateKeyAsync("ICA lab data", new Dictionary<string, string> { ["app"] = "icakms" });
        string keyArn = created.Value!.KeyArn;
        Result<string, AwsFailure> alias = await kms.CreateAliasAsync("alias/lab-data", keyArn);

        Assert.True(alias.Succeeded, alias.Failure?.Message);
        Assert.Equal((Region, Account, "CUSTOMER", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled"),
            (created.Value.Region, created.Value.Account, created.Value.KeyManager, created.Value.KeySpec, created.Value.KeyUsage, created.Value.KeyState));
        Assert.Equal(keyArn, (await kms.DescribeKeyAsync("alias/lab-data")).Value?.KeyArn);
        KmsKeyChoice choice = Assert.Single((await kms.ListUsableKeysAsync()).Value!);
        Assert.Equal((keyArn, "alias/lab-data", "ICA lab data"), (choice.KeyArn, Assert.Single(choice.Aliases), choice.Description));
        JsonNode statement = JsonNode.Parse((await kms.GetKeyPolicyAsync(keyArn)).Value!)!["Statement"]![0]!;
        Assert.Equal($"arn:aws:iam::{Account}:root", statement["Principal"]!["AWS"]!.GetValue<string>());
        Assert.Equal("icakms", Assert.Single(aws.Keys).Tags["app"]);
    }

    [Fact]
    public async Task CreateAlias_ThatExists_FailsAsKmsDoes()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());

        Result<string, AwsFailure> alias = await Gateways(aws).Kms.CreateAliasAsync("alias/lab-key", KeyArn);

        Assert.Equal("AlreadyExistsException", alias.Failure!.ErrorCode);
        Assert.Single(aws.Aliases);
    }

    [Fact]
    public async Task PutKeyPolicy_ReplacesThePolicy_ThatGetKeyPolicyThenReads()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());
        IKmsGateway kms = Gateways(aws).Kms;
        string policy = FakeAwsScenario.KeyPolicy(Account, FakeAwsScenario.UsEast1CrossAccountRoleArn);

        Result<string, AwsFailure> written = await kms.PutKeyPolicyAsync(KeyArn, policy);

        Assert.True(written.Succeeded, written.Failure?.Message);
        Assert.Equal(policy, (await kms.GetKeyPolicyAsync(KeyArn)).Value);
    }

    [Fact]
    public async Task PutKeyPolicy_AcceptsAPolicyThatLetsTheCallersRoleChangeIt()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());
        string policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow",
             "Principal":{"AWS":["arn:aws:iam::{{Account}}:role/IcaKmsAdmin"]},"Action":["kms:Describe*","kms:PutKeyPolicy"],"Resource":"*"}]}
            """;

        Result<string, AwsFailure> written = await Gateways(aws).Kms.PutKeyPolicyAsync(KeyArn, policy);

        Assert.True(written.Succeeded, written.Failure?.Message);
    }

    [Fact]
    public async Task PutKeyPolicy_ThatWouldLockTheCallerOut_IsRefused_AndThePolicyIsKept()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario());
        IKmsGateway kms = Gateways(aws).Kms;
        string before = (await kms.GetKeyPolicyAsync(KeyArn)).Value!;
        string lockout = $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"Allow cross account access","Effect":"Allow",
             "Principal":{"AWS":"{{FakeAwsScenario.UsEast1CrossAccountRoleArn}}"},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}]}
            """;

        Result<string, AwsFailure> written = await kms.PutKeyPolicyAsync(KeyArn, lockout);

        Assert.Equal("MalformedPolicyDocumentException", written.Failure!.ErrorCode);
        Assert.Contains("will not allow you to update the key policy", written.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await kms.GetKeyPolicyAsync(KeyArn)).Value);
    }

    [Fact]
    public async Task PutKeyPolicy_OfAnAwsManagedKey_IsDenied()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(BucketScenario() with
        {
            Keys = [new FakeKmsKey(KeyArn) { Alias = "alias/aws/s3", KeyManager = "AWS" }],
        });

        Result<string, AwsFailure> written = await Gateways(aws).Kms.PutKeyPolicyAsync(KeyArn, FakeAwsScenario.KeyPolicy(Account));

        Assert.Equal(AwsFailureKind.AccessDenied, written.Failure!.Kind);
    }

    [Fact]
    public async Task Writes_DeniedByTheScenario_FailNamingTheIamAction_AndChangeNothing()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(KeyScenario() with
        {
            Versioning = "Enabled",
            Encryption = BucketEncryption.SseKms(KeyArn, null),
            PublicAccessBlock = null,
            ObjectOwnership = null,
            DeniedActions = new HashSet<string>(StringComparer.Ordinal)
            {
                "s3:CreateBucket", "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls",
                "s3:GetObject", "s3:DeleteObjectVersion", "kms:CreateKey", "kms:CreateAlias", "kms:PutKeyPolicy",
            },
        });
        AwsGateways gateways = Gateways(aws);
        IReadOnlyList<FakeBucket> bucketsBefore = aws.Buckets;
        ObjectWrite written = (await gateways.S3.PutObjectAsync(Bucket, "ica/icakms-check.txt", "check")).Value!;

        (string Action, AwsFailure? Failure)[] failures =
        [
            ("s3:CreateBucket", await FailureOf(gateways.S3.CreateBucketAsync("another-lab-bucket", Region))),
            ("s3:PutEncryptionConfiguration", await FailureOf(gateways.S3.PutDefaultEncryptionAsync(Bucket, BucketEncryption.SseKms(ArnOf(OtherKeyId), null)))),
            ("s3:PutBucketPublicAccessBlock", await FailureOf(gateways.S3.PutPublicAccessBlockAsync(Bucket))),
            ("s3:PutBucketOwnershipControls", await FailureOf(gateways.S3.PutBucketOwnerEnforcedAsync(Bucket))),
            ("s3:GetObject", await FailureOf(gateways.S3.HeadObjectAsync(Bucket, "ica/icakms-check.txt"))),
            ("s3:DeleteObjectVersion", await FailureOf(gateways.S3.DeleteObjectAsync(Bucket, "ica/icakms-check.txt", written.VersionId))),
            ("kms:CreateKey", await FailureOf(gateways.Kms.CreateKeyAsync("denied"))),
            ("kms:CreateAlias", await FailureOf(gateways.Kms.CreateAliasAsync("alias/denied", KeyArn))),
            ("kms:PutKeyPolicy", await FailureOf(gateways.Kms.PutKeyPolicyAsync(KeyArn, FakeAwsScenario.KeyPolicy(Account)))),
        ];

        Assert.All(failures, item =>
        {
            Assert.Equal(AwsFailureKind.AccessDenied, item.Failure?.Kind);
            Assert.Equal(item.Action, item.Failure!.Action);
            Assert.Contains($"add {item.Action} to your role's policy", item.Failure.Message, StringComparison.Ordinal);
        });
        FakeBucket after = Assert.Single(aws.Buckets);
        Assert.Equal(bucketsBefore[0] with { Objects = after.Objects }, after);
        Assert.Single(after.Objects, item => item.Key == "ica/icakms-check.txt");
        Assert.Single(aws.Keys);
        Assert.Single(aws.Aliases);
        Assert.Null(aws.Keys[0].Policy);
    }
}
