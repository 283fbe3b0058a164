using Amazon.S3;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// The S3 calls IcaKms makes, over the AWS SDK's <see cref="IAmazonS3"/>; one method per API call, living by concept in
/// <see cref="S3Buckets"/>, <see cref="S3BucketSettings"/> and <see cref="S3Objects"/>.
/// </summary>
public sealed class S3Gateway : IS3Gateway
{
    private readonly S3Buckets _buckets;
    private readonly S3BucketSettings _settings;
    private readonly S3Objects _objects;

    /// <summary>Creates the gateway over an S3 client (the caller owns the client).</summary>
    /// <param name="s3">The SDK client.</param>
    /// <param name="time">The clock a call's deadline runs on; null for the system's (a test passes a fake one).</param>
    public S3Gateway(IAmazonS3 s3, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var calls = new S3Calls(s3, CallBudget.Of(s3.Config, time));
        _buckets = new S3Buckets(calls);
        _settings = new S3BucketSettings(calls);
        _objects = new S3Objects(calls);
    }

    /// <inheritdoc />
    public Task<Result<string, AwsFailure>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default)
        => _buckets.GetBucketRegionAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<BucketEncryption?, AwsFailure>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default)
        => _settings.GetDefaultEncryptionAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<string?, AwsFailure>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default)
        => _settings.GetVersioningAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<string?, AwsFailure>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default)
        => _settings.GetObjectOwnershipAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<PublicAccessBlock?, AwsFailure>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default)
        => _settings.GetPublicAccessBlockAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<string?, AwsFailure>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
        => _settings.GetBucketPolicyAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<bool, AwsFailure>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
        => _objects.PrefixExistsAsync(bucket, prefix, cancellationToken);

    /// <inheritdoc />
    public Task<Result<BucketCreation, AwsFailure>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default)
        => _buckets.CreateBucketAsync(bucket, region, cancellationToken);

    /// <inheritdoc />
    public Task<Result<BucketEncryption, AwsFailure>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default)
        => _settings.PutDefaultEncryptionAsync(bucket, rule, cancellationToken);

    /// <inheritdoc />
    public Task<Result<PublicAccessBlock, AwsFailure>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default)
        => _settings.PutPublicAccessBlockAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<string, AwsFailure>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default)
        => _settings.PutBucketOwnerEnforcedAsync(bucket, cancellationToken);

    /// <inheritdoc />
    public Task<Result<ObjectWrite, AwsFailure>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default)
        => _objects.CreateFolderAsync(bucket, prefix, keyArn, cancellationToken);

    /// <inheritdoc />
    public Task<Result<ObjectWrite, AwsFailure>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default)
        => _objects.PutObjectAsync(bucket, key, content, kmsKeyArn, cancellationToken);

    /// <inheritdoc />
    public Task<Result<ObjectHead, AwsFailure>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default)
        => _objects.HeadObjectAsync(bucket, key, versionId, cancellationToken);

    /// <inheritdoc />
    public Task<Result<ObjectDeletion, AwsFailure>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default)
        => _objects.DeleteObjectAsync(bucket, key, versionId, cancellationToken);
}
