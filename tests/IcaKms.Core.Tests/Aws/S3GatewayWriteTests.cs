using System.Net;
using System.Xml.Linq;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Tests.Aws;

/// <summary>The S3 writes over the real SDK client: the request S3 receives, the typed result, the failures.</summary>
public class S3GatewayWriteTests
{
    private const string Bucket = "lab-data";
    private const string KeyArn = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";

    private readonly AwsHttpStub _aws = new();

    private IS3Gateway Gateway => _aws.Gateways().S3;

    [Fact]
    public async Task CreateBucket_SendsTheRegionAsLocationConstraint_OutsideUsEast1()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK, ("Location", $"/{Bucket}")));

        Result<BucketCreation, AwsFailure> result = await Gateway.CreateBucketAsync(Bucket, "eu-west-2");

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.False(result.Value!.AlreadyOwnedByYou);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/{Bucket}/", request.Uri.AbsolutePath);
        Assert.Equal("", request.Uri.Query);
        Assert.Equal("eu-west-2", XDocument.Parse(request.Body).Root!.Element(S3 + "LocationConstraint")!.Value);
    }

    [Fact]
    public async Task CreateBucket_SendsNoLocationConstraint_InUsEast1()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK));

        Result<BucketCreation, AwsFailure> result = await Gateway.CreateBucketAsync(Bucket, "us-east-1");

        Assert.True(result.Succeeded, result.Failure?.Message);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.DoesNotContain("LocationConstraint", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBucket_SucceedsWithTheFlag_WhenTheBucketIsAlreadyOwnedByYou()
    {
        _aws.RespondWith(_ => AwsHttpStub.S3Error(HttpStatusCode.Conflict, "BucketAlreadyOwnedByYou",
            "Your previous request to create the named bucket succeeded and you already own it."));

        Result<BucketCreation, AwsFailure> result = await Gateway.CreateBucketAsync(Bucket, "eu-west-2");

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.True(result.Value!.AlreadyOwnedByYou);
    }

    [Fact]
    public async Task CreateBucket_FailsClearly_WhenTheNameIsTakenByAnotherAccount()
    {
        _aws.RespondWith(_ => AwsHttpStub.S3Error(HttpStatusCode.Conflict, "BucketAlreadyExists",
            "The requested bucket name is not available. The bucket namespace is shared by all users of the system."));

        Result<BucketCreation, AwsFailure> result = await Gateway.CreateBucketAsync(Bucket, "eu-west-2");

        Assert.False(result.Succeeded);
        Assert.Equal("BucketAlreadyExists", result.Failure!.ErrorCode);
        Assert.Equal("s3:CreateBucket", result.Failure.Action);
        Assert.Equal(
            "The bucket name lab-data is taken by another account (s3:CreateBucket): bucket names are global across all of AWS; choose another name.",
            result.Failure.Message);
    }

    public static TheoryData<string, Func<IS3Gateway, Task<AwsFailure?>>> DeniedWrites() => new()
    {
        { "s3:CreateBucket", async s3 => (await s3.CreateBucketAsync(Bucket, "eu-west-2")).Failure },
        { "s3:PutEncryptionConfiguration", async s3 => (await s3.PutDefaultEncryptionAsync(Bucket, BucketEncryption.SseKms(KeyArn, null))).Failure },
        { "s3:PutBucketPublicAccessBlock", async s3 => (await s3.PutPublicAccessBlockAsync(Bucket)).Failure },
        { "s3:PutBucketOwnershipControls", async s3 => (await s3.PutBucketOwnerEnforcedAsync(Bucket)).Failure },
        { "s3:PutObject", async s3 => (await s3.CreateFolderAsync(Bucket, "ica/", KeyArn)).Failure },
        { "s3:PutObject", async s3 => (await s3.PutObjectAsync(Bucket, "ica/check.txt", "check")).Failure },
        { "s3:DeleteObject", async s3 => (await s3.DeleteObjectAsync(Bucket, "ica/check.txt")).Failure },
        { "s3:DeleteObjectVersion", async s3 => (await s3.DeleteObjectAsync(Bucket, "ica/check.txt", "3HL4kqtJlcpXroDTDmJ")).Failure },
    };

    [Theory]
    [MemberData(nameof(DeniedWrites))]
    public async Task Writes_FailAccessDenied_NamingTheIamAction(string action, Func<IS3Gateway, Task<AwsFailure?>> write)
    {
        _aws.RespondWith(_ => AwsHttpStub.S3Error(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied"));

        AwsFailure failure = (await write(Gateway))!;

        Assert.Equal(AwsFailureKind.AccessDenied, failure.Kind);
        Assert.Equal(action, failure.Action);
        Assert.StartsWith($"AccessDenied on {action} for lab-data", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"add {action} to your role's policy", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutDefaultEncryption_SendsAwsKmsWithTheKeyArnAndBucketKey_KeepingBlockedEncryptionTypes()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK));
        var existing = new BucketEncryption("AES256", null, false, ["SSE-C"]);

        Result<BucketEncryption, AwsFailure> result = await Gateway.PutDefaultEncryptionAsync(Bucket, BucketEncryption.SseKms(KeyArn, existing));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(("aws:kms", KeyArn, true), (result.Value!.SseAlgorithm, result.Value.KmsMasterKeyId, result.Value.BucketKeyEnabled));
        Assert.Equal(["SSE-C"], result.Value.BlockedEncryptionTypes);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.True(request.HasSubresource("encryption"));
        XElement rule = Assert.Single(XDocument.Parse(request.Body).Root!.Elements(S3 + "Rule"));
        XElement byDefault = rule.Element(S3 + "ApplyServerSideEncryptionByDefault")!;
        Assert.Equal("aws:kms", byDefault.Element(S3 + "SSEAlgorithm")!.Value);
        Assert.Equal(KeyArn, byDefault.Element(S3 + "KMSMasterKeyID")!.Value);
        Assert.Equal("true", rule.Element(S3 + "BucketKeyEnabled")!.Value);
        Assert.Equal(["SSE-C"], rule.Element(S3 + "BlockedEncryptionTypes")!.Elements(S3 + "EncryptionType").Select(type => type.Value));
    }

    [Fact]
    public async Task PutDefaultEncryption_SendsNoBlockedEncryptionTypes_WhenTheBucketHadNone()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK));

        await Gateway.PutDefaultEncryptionAsync(Bucket, BucketEncryption.SseKms(KeyArn, null));

        Assert.DoesNotContain("BlockedEncryptionTypes", Assert.Single(_aws.Requests).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alias/lab-data")]
    [InlineData("arn:aws:kms:eu-west-2:111122223333:alias/lab-data")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData(null)]
    public async Task PutDefaultEncryption_RefusesAKmsRuleWithoutAFullKeyArn_BeforeAnyCall(string? keyId)
    {
        Result<BucketEncryption, AwsFailure> result = await Gateway.PutDefaultEncryptionAsync(Bucket, new BucketEncryption("aws:kms", keyId, true, []));

        Assert.Equal(AwsFailureKind.Refused, result.Failure!.Kind);
        Assert.Equal("s3:PutEncryptionConfiguration", result.Failure.Action);
        Assert.StartsWith("s3:PutBucketEncryption was not sent: a aws:kms rule must name the full KMS key ARN", result.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(_aws.Requests);
    }

    [Fact]
    public async Task PutPublicAccessBlock_TurnsAllFourSettingsOn()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK));

        Result<PublicAccessBlock, AwsFailure> result = await Gateway.PutPublicAccessBlockAsync(Bucket);

        Assert.True(result.Value!.IsFullyBlocked);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.True(request.HasSubresource("publicAccessBlock"));
        XElement root = XDocument.Parse(request.Body).Root!;
        Assert.Equal("PublicAccessBlockConfiguration", root.Name.LocalName);
        foreach (string setting in new[] { "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets" })
        {
            Assert.Equal("true", root.Element(S3 + setting)?.Value);
        }
    }

    [Fact]
    public async Task PutBucketOwnerEnforced_SendsTheOwnershipRule()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK));

        Result<string, AwsFailure> result = await Gateway.PutBucketOwnerEnforcedAsync(Bucket);

        Assert.Equal("BucketOwnerEnforced", result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.True(request.HasSubresource("ownershipControls"));
        Assert.Equal("BucketOwnerEnforced", XDocument.Parse(request.Body).Root!.Element(S3 + "Rule")!.Element(S3 + "ObjectOwnership")!.Value);
    }

    [Fact]
    public async Task CreateFolder_PutsTheEmptyFolderObject_EncryptedWithTheKeyArn()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK,
            ("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""),
            ("x-amz-server-side-encryption", "aws:kms"),
            ("x-amz-server-side-encryption-aws-kms-key-id", KeyArn),
            ("x-amz-server-side-encryption-bucket-key-enabled", "true"),
            ("x-amz-version-id", "v1")));

        Result<ObjectWrite, AwsFailure> result = await Gateway.CreateFolderAsync(Bucket, "ica/", KeyArn);

        Assert.Equal(new ObjectWrite("v1", "aws:kms", KeyArn, true), result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/{Bucket}/ica/", request.Uri.AbsolutePath);
        Assert.Equal("aws:kms", request.Header("x-amz-server-side-encryption"));
        Assert.Equal(KeyArn, request.Header("x-amz-server-side-encryption-aws-kms-key-id"));
        Assert.Equal("true", request.Header("x-amz-server-side-encryption-bucket-key-enabled"));
        Assert.Equal("0", request.Header("Content-Length"));
    }

    [Fact]
    public async Task CreateFolder_RefusesAnAlias_BeforeAnyCall()
    {
        Result<ObjectWrite, AwsFailure> result = await Gateway.CreateFolderAsync(Bucket, "ica/", "alias/lab-data");

        Assert.Equal(AwsFailureKind.Refused, result.Failure!.Kind);
        Assert.Empty(_aws.Requests);
    }

    [Fact]
    public async Task PutObject_WithoutAKey_SendsNoEncryptionHeaders_SoTheBucketDefaultDecides()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK,
            ("x-amz-server-side-encryption", "aws:kms"),
            ("x-amz-server-side-encryption-aws-kms-key-id", KeyArn)));

        Result<ObjectWrite, AwsFailure> result = await Gateway.PutObjectAsync(Bucket, "ica/icakms-check.txt", "written by IcaKms");

        Assert.Equal(new ObjectWrite(null, "aws:kms", KeyArn, false), result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal($"/{Bucket}/ica/icakms-check.txt", request.Uri.AbsolutePath);
        Assert.Null(request.Header("x-amz-server-side-encryption"));
        Assert.Null(request.Header("x-amz-server-side-encryption-aws-kms-key-id"));
        Assert.Contains("written by IcaKms", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadObject_ReadsEncryptionKeyAndVersion()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK,
            ("x-amz-server-side-encryption", "aws:kms"),
            ("x-amz-server-side-encryption-aws-kms-key-id", KeyArn),
            ("x-amz-server-side-encryption-bucket-key-enabled", "true"),
            ("x-amz-version-id", "3HL4kqtJlcpXroDTDmJ")));

        Result<ObjectHead, AwsFailure> result = await Gateway.HeadObjectAsync(Bucket, "ica/icakms-check.txt");

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(new ObjectHead("aws:kms", KeyArn, true, "3HL4kqtJlcpXroDTDmJ", 0), result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("HEAD", request.Method);
        Assert.Equal($"/{Bucket}/ica/icakms-check.txt", request.Uri.AbsolutePath);
    }

    [Fact]
    public async Task HeadObject_OfAVersion_AsksForItAndNeedsGetObjectVersion()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.Forbidden));

        Result<ObjectHead, AwsFailure> result = await Gateway.HeadObjectAsync(Bucket, "ica/icakms-check.txt", "v7");

        Assert.True(Assert.Single(_aws.Requests).HasSubresource("versionId=v7"));
        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure!.Kind);
        Assert.Equal("s3:GetObjectVersion", result.Failure.Action);
    }

    [Fact]
    public async Task HeadObject_FailsAccessDenied_NamingGetObject()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.Forbidden));

        Result<ObjectHead, AwsFailure> result = await Gateway.HeadObjectAsync(Bucket, "ica/icakms-check.txt");

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure!.Kind);
        Assert.Equal(
            "AccessDenied on s3:GetObject for lab-data/ica/icakms-check.txt (s3:HeadObject): add s3:GetObject to your role's policy (and check the bucket policy does not deny it).",
            result.Failure.Message);
    }

    [Fact]
    public async Task HeadObject_FailsNotFound_NamingTheObject()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.NotFound));

        Result<ObjectHead, AwsFailure> result = await Gateway.HeadObjectAsync(Bucket, "ica/icakms-check.txt");

        Assert.Equal(AwsFailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal(
            "The object lab-data/ica/icakms-check.txt does not exist, or its bucket does not (s3:HeadObject): check the bucket, the key and the region.",
            result.Failure.Message);
    }

    [Fact]
    public async Task DeleteObject_OfAVersion_SendsTheVersionId()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.NoContent, ("x-amz-version-id", "v7")));

        Result<ObjectDeletion, AwsFailure> result = await Gateway.DeleteObjectAsync(Bucket, "ica/icakms-check.txt", "v7");

        Assert.Equal(new ObjectDeletion("v7", false), result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/{Bucket}/ica/icakms-check.txt", request.Uri.AbsolutePath);
        Assert.True(request.HasSubresource("versionId=v7"));
    }

    [Fact]
    public async Task DeleteObject_WithoutAVersion_ReportsTheDeleteMarkerOfAVersionedBucket()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.NoContent, ("x-amz-version-id", "marker1"), ("x-amz-delete-marker", "true")));

        Result<ObjectDeletion, AwsFailure> result = await Gateway.DeleteObjectAsync(Bucket, "ica/icakms-check.txt");

        Assert.Equal(new ObjectDeletion("marker1", true), result.Value);
        Assert.False(Assert.Single(_aws.Requests).HasSubresource("versionId"));
    }

    [Fact]
    public async Task Writes_RethrowTheCallersCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        _aws.Respond = async (_, _) =>
        {
            await cancellation.CancelAsync();
            return AwsHttpStub.Empty(HttpStatusCode.OK);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Gateway.PutDefaultEncryptionAsync(Bucket, BucketEncryption.SseKms(KeyArn, null), cancellation.Token));
    }
}
