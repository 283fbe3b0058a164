namespace IcaKms.Core.Aws;

/// <summary>The S3 calls IcaKms makes, one per API call; failures come back as <see cref="AwsFailure"/>.</summary>
public interface IS3Gateway
{
    /// <summary>The bucket's region (HeadBucket's <c>x-amz-bucket-region</c>).</summary>
    Task<AwsResult<string>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The default encryption rule, or a null value when the bucket has none.</summary>
    Task<AwsResult<BucketEncryption?>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The versioning status: <c>Enabled</c>, <c>Suspended</c>, or null when never enabled.</summary>
    Task<AwsResult<string?>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The object ownership setting (e.g. <c>BucketOwnerEnforced</c>), or null when none is set.</summary>
    Task<AwsResult<string?>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The bucket's public access block, or null when none is set.</summary>
    Task<AwsResult<PublicAccessBlock?>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>Whether any object exists under the prefix (the folder marker or any key below it).</summary>
    Task<AwsResult<bool>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default);
}
