namespace IcaKms.Core.Aws;

/// <summary>The S3 calls IcaKms makes, one per API call; failures come back as <see cref="AwsFailure"/>.</summary>
public interface IS3Gateway
{
    /// <summary>The bucket's region (HeadBucket's <c>x-amz-bucket-region</c>).</summary>
    Task<Result<string, AwsFailure>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The default encryption rule, or a null value when the bucket has none.</summary>
    Task<Result<BucketEncryption?, AwsFailure>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The versioning status: <c>Enabled</c>, <c>Suspended</c>, or null when never enabled.</summary>
    Task<Result<string?, AwsFailure>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The object ownership setting (e.g. <c>BucketOwnerEnforced</c>), or null when none is set.</summary>
    Task<Result<string?, AwsFailure>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>The bucket's public access block, or null when none is set.</summary>
    Task<Result<PublicAccessBlock?, AwsFailure>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>
    /// The bucket policy's JSON (<c>s3:GetBucketPolicy</c>), or a null value when the bucket has none
    /// (<c>NoSuchBucketPolicy</c>, which is normal).
    /// </summary>
    Task<Result<string?, AwsFailure>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>Whether any object exists under the prefix (the folder marker or any key below it).</summary>
    Task<Result<bool, AwsFailure>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the bucket in <paramref name="region"/> (no <c>LocationConstraint</c> in us-east-1, the region
    /// otherwise); needs <c>s3:CreateBucket</c>. <c>BucketAlreadyOwnedByYou</c> is a success with
    /// <see cref="BucketCreation.AlreadyOwnedByYou"/> set; <c>BucketAlreadyExists</c> fails: the name is taken by
    /// another account.
    /// </summary>
    Task<Result<BucketCreation, AwsFailure>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the whole default encryption rule (build it with <see cref="BucketEncryption.SseKms"/> from the rule read,
    /// so <see cref="BucketEncryption.BlockedEncryptionTypes"/> is kept); needs <c>s3:PutEncryptionConfiguration</c>.
    /// A KMS rule must name a full key ARN, else it is refused before any call. The result is the rule sent.
    /// </summary>
    Task<Result<BucketEncryption, AwsFailure>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default);

    /// <summary>Turns all four public access block settings on; needs <c>s3:PutBucketPublicAccessBlock</c>. The result is the block sent.</summary>
    Task<Result<PublicAccessBlock, AwsFailure>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>Sets object ownership to <c>BucketOwnerEnforced</c> (ACLs off); needs <c>s3:PutBucketOwnershipControls</c>. The result is the ownership sent.</summary>
    Task<Result<string, AwsFailure>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the empty folder object <paramref name="prefix"/> (ending with <c>/</c>) encrypted with SSE-KMS under the
    /// key ARN, Bucket Key on; needs <c>s3:PutObject</c> (and the key's <c>kms:GenerateDataKey</c>).
    /// </summary>
    Task<Result<ObjectWrite, AwsFailure>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a small object with <paramref name="content"/>; needs <c>s3:PutObject</c>. With
    /// <paramref name="kmsKeyArn"/> null no encryption header is sent, so the bucket's default encryption decides (what a
    /// verification write wants to see); otherwise SSE-KMS under that key ARN.
    /// </summary>
    Task<Result<ObjectWrite, AwsFailure>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default);

    /// <summary>How an object (or one version of it) is stored; needs <c>s3:GetObject</c> (<c>s3:GetObjectVersion</c> with a version id).</summary>
    Task<Result<ObjectHead, AwsFailure>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an object; needs <c>s3:DeleteObject</c>. With <paramref name="versionId"/> it deletes that version for good
    /// (<c>s3:DeleteObjectVersion</c>), which on a versioned bucket is the only way to leave nothing behind.
    /// </summary>
    Task<Result<ObjectDeletion, AwsFailure>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default);
}
