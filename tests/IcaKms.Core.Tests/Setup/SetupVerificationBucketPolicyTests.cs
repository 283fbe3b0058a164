using IcaKms.Core.Aws;
using IcaKms.Core.Applying;

namespace IcaKms.Core.Tests.Setup;

/// <summary>
/// The verification write against a bucket policy that refuses writes without the SSE-KMS header (S3 User Guide,
/// "Requiring server-side encryption with AWS KMS"): it writes again with the header and the key, and says why.
/// </summary>
public class SetupVerificationBucketPolicyTests
{
    private const string Bucket = "lab-ica-data";
    private const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private const string RequireSseKms = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "DenyUnencryptedObjectUploads", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::lab-ica-data/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]}
        """;

    private const string DenyAllWrites = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnlyBucket", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::lab-ica-data/*"}]}
        """;

    [Fact]
    public async Task RunAsync_WritesWithSseKmsHeaders_WhenTheBucketPolicyRequiresThem()
    {
        var s3 = new PolicyEnforcingS3(RequireSseKms, requireHeader: true);

        VerificationResult result = await SetupVerification.RunAsync(s3, Bucket, "ica/", KeyArn, CancellationToken.None);

        Assert.True(result.Passed, result.Message);
        Assert.Contains("'DenyUnencryptedObjectUploads' of the bucket policy refuses writes without them", result.Message, StringComparison.Ordinal);
        Assert.Equal([null, KeyArn], s3.Writes);
    }

    [Fact]
    public async Task RunAsync_NamesTheStatement_WhenEvenAnEncryptedWriteIsRefused()
    {
        var s3 = new PolicyEnforcingS3(DenyAllWrites, requireHeader: false);

        VerificationResult result = await SetupVerification.RunAsync(s3, Bucket, "ica/", KeyArn, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.Contains("'ReadOnlyBucket' of the bucket policy refuses the write even with the SSE-KMS headers", result.Message, StringComparison.Ordinal);
        Assert.Equal([null], s3.Writes);
    }

    /// <summary>An S3 bucket that refuses header-less writes (or all writes) as its policy says, and stores what it takes.</summary>
    private sealed class PolicyEnforcingS3(string policy, bool requireHeader) : IS3Gateway
    {
        private string? _storedKey;

        public List<string?> Writes { get; } = [];

        public Task<Result<string?, AwsFailure>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) => Task.FromResult(Result<string?, AwsFailure>.Ok(policy));

        public Task<Result<ObjectWrite, AwsFailure>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default)
        {
            Writes.Add(kmsKeyArn);
            if (!requireHeader || kmsKeyArn is null)
            {
                return Task.FromResult(Result<ObjectWrite, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.AccessDenied, "s3:PutObject", key, "AccessDenied", "Access Denied")));
            }

            _storedKey = kmsKeyArn;
            return Task.FromResult(Result<ObjectWrite, AwsFailure>.Ok(new ObjectWrite(null, "aws:kms", kmsKeyArn, true)));
        }

        public Task<Result<ObjectHead, AwsFailure>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Result<ObjectHead, AwsFailure>.Ok(new ObjectHead("aws:kms", _storedKey, true, null, 10)));

        public Task<Result<ObjectDeletion, AwsFailure>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Result<ObjectDeletion, AwsFailure>.Ok(new ObjectDeletion(null, false)));

        public Task<Result<string, AwsFailure>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<BucketEncryption?, AwsFailure>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<string?, AwsFailure>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<string?, AwsFailure>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<PublicAccessBlock?, AwsFailure>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<bool, AwsFailure>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<BucketCreation, AwsFailure>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<BucketEncryption, AwsFailure>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<PublicAccessBlock, AwsFailure>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<string, AwsFailure>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Result<ObjectWrite, AwsFailure>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
