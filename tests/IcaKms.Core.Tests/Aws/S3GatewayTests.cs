using System.Net;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Tests.Aws;

public class S3GatewayTests
{
    private const string Bucket = "lab-data";
    private const string KeyArn = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private readonly AwsHttpStub _aws = new();

    [Fact]
    public async Task GetBucketRegion_ReadsRegionHeader_WhenHeadBucketSucceeds()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.OK, ("x-amz-bucket-region", "eu-west-2")));

        Result<string, AwsFailure> result = await _aws.Gateways().S3.GetBucketRegionAsync(Bucket);

        Assert.True(result.Succeeded);
        Assert.Equal("eu-west-2", result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("HEAD", request.Method);
        Assert.Equal($"/{Bucket}/", request.Uri.AbsolutePath);
        Assert.Equal("127.0.0.1", request.Uri.Host);
    }

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task GetBucketRegion_ReadsRegionHeader_WhenHeadBucketFailsWithIt(HttpStatusCode status)
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(status, ("x-amz-bucket-region", "us-west-2")));

        Result<string, AwsFailure> result = await _aws.Gateways().S3.GetBucketRegionAsync(Bucket);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("us-west-2", result.Value);
        Assert.Single(_aws.Requests);
    }

    [Theory]
    [InlineData("", "us-east-1")]
    [InlineData("EU", "eu-west-1")]
    [InlineData("ap-southeast-2", "ap-southeast-2")]
    public async Task GetBucketRegion_FallsBackToGetBucketLocation_WhenHeadBucketIsDeniedWithoutHeader(string location, string expected)
    {
        _aws.RespondWith(request => request.Method == "HEAD"
            ? AwsHttpStub.Empty(HttpStatusCode.Forbidden)
            : AwsHttpStub.Xml($"""<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{location}</LocationConstraint>"""));

        Result<string, AwsFailure> result = await _aws.Gateways().S3.GetBucketRegionAsync(Bucket);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(expected, result.Value);
        Assert.Equal(2, _aws.Requests.Count);
        Assert.True(_aws.Requests[1].HasSubresource("location"));
        Assert.Equal($"/{Bucket}/", _aws.Requests[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetBucketRegion_FailsNotFound_WhenBucketDoesNotExist()
    {
        _aws.RespondWith(_ => AwsHttpStub.Empty(HttpStatusCode.NotFound));

        Result<string, AwsFailure> result = await _aws.Gateways().S3.GetBucketRegionAsync(Bucket);

        Assert.False(result.Succeeded);
        Assert.Equal(AwsFailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal("The bucket lab-data does not exist (s3:HeadBucket): check the name and the region.", result.Failure.Message);
        Assert.Single(_aws.Requests);
    }

    [Fact]
    public async Task GetBucketRegion_FailsWithHeadBucketDenial_WhenBothCallsAreDenied()
    {
        _aws.RespondWith(request => request.Method == "HEAD"
            ? AwsHttpStub.Empty(HttpStatusCode.Forbidden)
            : AwsHttpStub.S3Error(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied"));

        Result<string, AwsFailure> result = await _aws.Gateways().S3.GetBucketRegionAsync(Bucket);

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure!.Kind);
        Assert.Equal("s3:ListBucket", result.Failure.Action);
        Assert.Equal(Bucket, result.Failure.Resource);
        Assert.Equal(
            "AccessDenied on s3:ListBucket for lab-data (s3:HeadBucket): add s3:ListBucket to your role's policy (and check the bucket policy does not deny it).",
            result.Failure.Message);
    }

    [Fact]
    public async Task GetBucketRegion_FailsWithExpiredToken_WhenGetBucketLocationExplainsTheHeadBucketError()
    {
        _aws.RespondWith(request => request.Method == "HEAD"
            ? AwsHttpStub.Empty(HttpStatusCode.BadRequest)
            : AwsHttpStub.S3Error(HttpStatusCode.BadRequest, "ExpiredToken", "The provided token has expired."));

        Result<string, AwsFailure> result = await _aws.Gateways().S3.GetBucketRegionAsync(Bucket);

        Assert.Equal(AwsFailureKind.InvalidCredentials, result.Failure!.Kind);
        Assert.Equal("ExpiredToken", result.Failure.ErrorCode);
    }

    [Fact]
    public async Task GetDefaultEncryption_MapsKmsRule_WithBucketKeyAndBlockedTypes()
    {
        _aws.RespondWith(_ => AwsHttpStub.Xml($"""
            <ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Rule>
                <ApplyServerSideEncryptionByDefault>
                  <SSEAlgorithm>aws:kms</SSEAlgorithm>
                  <KMSMasterKeyID>{KeyArn}</KMSMasterKeyID>
                </ApplyServerSideEncryptionByDefault>
                <BucketKeyEnabled>true</BucketKeyEnabled>
                <BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes>
              </Rule>
            </ServerSideEncryptionConfiguration>
            """));

        Result<BucketEncryption?, AwsFailure> result = await _aws.Gateways().S3.GetDefaultEncryptionAsync(Bucket);

        Assert.True(result.Succeeded, result.Failure?.Message);
        BucketEncryption encryption = result.Value!;
        Assert.Equal("aws:kms", encryption.SseAlgorithm);
        Assert.Equal(KeyArn, encryption.KmsMasterKeyId);
        Assert.True(encryption.BucketKeyEnabled);
        Assert.Equal(["SSE-C"], encryption.BlockedEncryptionTypes);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/{Bucket}/", request.Uri.AbsolutePath);
        Assert.True(request.HasSubresource("encryption"));
    }

    [Fact]
    public async Task GetDefaultEncryption_MapsAes256Rule_WithoutKeyOrBucketKey()
    {
        _aws.RespondWith(_ => AwsHttpStub.Xml("""
            <ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>
            </ServerSideEncryptionConfiguration>
            """));

        Result<BucketEncryption?, AwsFailure> result = await _aws.Gateways().S3.GetDefaultEncryptionAsync(Bucket);

        BucketEncryption encryption = result.Value!;
        Assert.Equal("AES256", encryption.SseAlgorithm);
        Assert.Null(encryption.KmsMasterKeyId);
        Assert.False(encryption.BucketKeyEnabled);
        Assert.Empty(encryption.BlockedEncryptionTypes);
    }

    [Fact]
    public async Task GetDefaultEncryption_ReturnsNull_WhenBucketHasNoEncryptionConfiguration()
    {
        _aws.RespondWith(request => request.Method == "HEAD"
            ? AwsHttpStub.Empty(HttpStatusCode.OK, ("x-amz-bucket-region", AwsHttpStub.Region))
            : AwsHttpStub.S3Error(HttpStatusCode.NotFound, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found"));

        Result<BucketEncryption?, AwsFailure> result = await _aws.Gateways().S3.GetDefaultEncryptionAsync(Bucket);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Null(result.Value);
        Assert.Equal(["GET", "HEAD"], _aws.Requests.Select(request => request.Method));
    }

    [Fact]
    public async Task GetDefaultEncryption_FailsNotFound_WhenBucketDoesNotExist()
    {
        _aws.RespondWith(request => request.Method == "HEAD"
            ? AwsHttpStub.Empty(HttpStatusCode.NotFound)
            : AwsHttpStub.S3Error(HttpStatusCode.NotFound, "NoSuchBucket", "The specified bucket does not exist"));

        Result<BucketEncryption?, AwsFailure> result = await _aws.Gateways().S3.GetDefaultEncryptionAsync(Bucket);

        Assert.False(result.Succeeded);
        Assert.Equal(AwsFailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal("NoSuchBucket", result.Failure.ErrorCode);
        Assert.Equal("s3:GetEncryptionConfiguration", result.Failure.Action);
        Assert.Equal("The bucket lab-data does not exist (s3:GetBucketEncryption): check the name and the region.", result.Failure.Message);
    }

    [Fact]
    public async Task GetDefaultEncryption_FailsAccessDenied_NamingTheIamAction()
    {
        _aws.RespondWith(_ => AwsHttpStub.S3Error(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied"));

        Result<BucketEncryption?, AwsFailure> result = await _aws.Gateways().S3.GetDefaultEncryptionAsync(Bucket);

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure!.Kind);
        Assert.Equal("s3:GetEncryptionConfiguration", result.Failure.Action);
        Assert.StartsWith("AccessDenied on s3:GetEncryptionConfiguration for lab-data (s3:GetBucketEncryption): add s3:GetEncryptionConfiguration", result.Failure.Message);
    }

    [Theory]
    [InlineData("<Status>Enabled</Status>", "Enabled")]
    [InlineData("<Status>Suspended</Status>", "Suspended")]
    [InlineData("", null)]
    public async Task GetVersioning_ReturnsStatus_OrNullWhenNeverEnabled(string status, string? expected)
    {
        _aws.RespondWith(_ => AwsHttpStub.Xml($"""<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{status}</VersioningConfiguration>"""));

        Result<string?, AwsFailure> result = await _aws.Gateways().S3.GetVersioningAsync(Bucket);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(expected, result.Value);
        Assert.True(Assert.Single(_aws.Requests).HasSubresource("versioning"));
    }

    [Fact]
    public async Task GetObjectOwnership_ReturnsRule()
    {
        _aws.RespondWith(_ => AwsHttpStub.Xml("""
            <OwnershipControls xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>
            </OwnershipControls>
            """));

        Result<string?, AwsFailure> result = await _aws.Gateways().S3.GetObjectOwnershipAsync(Bucket);

        Assert.Equal("BucketOwnerEnforced", result.Value);
        Assert.True(Assert.Single(_aws.Requests).HasSubresource("ownershipControls"));
    }

    [Fact]
    public async Task GetObjectOwnership_ReturnsNull_WhenBucketHasNoOwnershipControls()
    {
        _aws.RespondWith(_ => AwsHttpStub.S3Error(HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found"));

        Result<string?, AwsFailure> result = await _aws.Gateways().S3.GetObjectOwnershipAsync(Bucket);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task GetPublicAccessBlock_ReturnsTheFourSettings()
    {
        _aws.RespondWith(_ => AwsHttpStub.Xml("""
            <PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <BlockPublicAcls>true</BlockPublicAcls>
              <IgnorePublicAcls>true</IgnorePublicAcls>
              <BlockPublicPolicy>false</BlockPublicPolicy>
              <RestrictPublicBuckets>true</RestrictPublicBuckets>
            </PublicAccessBlockConfiguration>
            """));

        Result<PublicAccessBlock?, AwsFailure> result = await _aws.Gateways().S3.GetPublicAccessBlockAsync(Bucket);

        Assert.Equal(new PublicAccessBlock(true, true, false, true), result.Value);
        Assert.False(result.Value!.IsFullyBlocked);
        Assert.True(Assert.Single(_aws.Requests).HasSubresource("publicAccessBlock"));
    }

    [Fact]
    public async Task GetPublicAccessBlock_ReturnsNull_WhenBucketHasNone()
    {
        _aws.RespondWith(_ => AwsHttpStub.S3Error(HttpStatusCode.NotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found"));

        Result<PublicAccessBlock?, AwsFailure> result = await _aws.Gateways().S3.GetPublicAccessBlockAsync(Bucket);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public async Task PrefixExists_AsksForOneKeyUnderThePrefix(int keyCount, bool expected)
    {
        string contents = keyCount == 0
            ? ""
            : "<Contents><Key>ica/</Key><LastModified>2025-01-01T00:00:00.000Z</LastModified><ETag>\"d41d8cd98f00b204e9800998ecf8427e\"</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>";
        _aws.RespondWith(_ => AwsHttpStub.Xml($"""
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>{Bucket}</Name><Prefix>ica/</Prefix><KeyCount>{keyCount}</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated>{contents}
            </ListBucketResult>
            """));

        Result<bool, AwsFailure> result = await _aws.Gateways().S3.PrefixExistsAsync(Bucket, "ica/");

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(expected, result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal($"/{Bucket}/", request.Uri.AbsolutePath);
        Assert.True(request.HasSubresource("list-type=2"));
        Assert.True(request.HasSubresource("prefix=ica%2F"));
        Assert.True(request.HasSubresource("max-keys=1"));
    }

    [Fact]
    public async Task S3Calls_AreSignedWithSigV4ForTheRegion()
    {
        _aws.RespondWith(_ => AwsHttpStub.Xml("""<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>"""));

        await _aws.Gateways().S3.GetVersioningAsync(Bucket);

        RecordedRequest request = Assert.Single(_aws.Requests);
        string authorization = request.Header("Authorization")!;
        Assert.StartsWith("AWS4-HMAC-SHA256 ", authorization, StringComparison.Ordinal);
        Assert.Contains($"/{AwsHttpStub.Region}/s3/aws4_request", authorization, StringComparison.Ordinal);
        Assert.NotNull(request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task S3Calls_FailThrottled_WhenS3SaysSlowDown()
    {
        _aws.RespondWith(_ => AwsHttpStub.S3Error(HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate."));

        Result<string?, AwsFailure> result = await _aws.Gateways().S3.GetVersioningAsync(Bucket);

        Assert.Equal(AwsFailureKind.Throttled, result.Failure!.Kind);
        Assert.Equal("AWS throttled s3:GetBucketVersioning for lab-data (SlowDown): wait a minute and try again.", result.Failure.Message);
    }
}
