namespace IcaKms.Core.Aws;

/// <summary>A bucket's default encryption rule (S3 GetBucketEncryption).</summary>
/// <param name="SseAlgorithm"><c>AES256</c>, <c>aws:kms</c> or <c>aws:kms:dsse</c>.</param>
/// <param name="KmsMasterKeyId">The key as S3 stores it (key ARN, key id or alias), or null for <c>aws/s3</c> or AES256.</param>
/// <param name="BucketKeyEnabled">Whether S3 Bucket Keys are on.</param>
/// <param name="BlockedEncryptionTypes">Encryption types the bucket refuses (e.g. <c>SSE-C</c>), kept on writes.</param>
public sealed record BucketEncryption(string SseAlgorithm, string? KmsMasterKeyId, bool BucketKeyEnabled, IReadOnlyList<string> BlockedEncryptionTypes)
{
    /// <summary>The SSE-KMS algorithm, <c>aws:kms</c>.</summary>
    public const string AwsKms = "aws:kms";

    /// <summary>
    /// The rule IcaKms writes: <c>aws:kms</c> with the full key ARN and Bucket Key on, keeping every other setting of
    /// the <paramref name="existing"/> rule (its <see cref="BlockedEncryptionTypes"/>), so a read-modify-write loses nothing.
    /// </summary>
    /// <param name="keyArn">The full key ARN (never an alias: an alias resolves in the writer's account).</param>
    /// <param name="existing">The rule GetBucketEncryption returned, or null when the bucket has none.</param>
    public static BucketEncryption SseKms(string keyArn, BucketEncryption? existing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        return new BucketEncryption(AwsKms, keyArn, true, existing?.BlockedEncryptionTypes ?? []);
    }
}

/// <summary>A bucket's public access block (S3 GetPublicAccessBlock).</summary>
public sealed record PublicAccessBlock(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    /// <summary>All four settings on.</summary>
    public static PublicAccessBlock AllBlocked { get; } = new(true, true, true, true);

    /// <summary>True when all four settings are on.</summary>
    public bool IsFullyBlocked => BlockPublicAcls && IgnorePublicAcls && BlockPublicPolicy && RestrictPublicBuckets;
}

/// <summary>What CreateBucket did.</summary>
/// <param name="AlreadyOwnedByYou">
/// True when S3 answered <c>BucketAlreadyOwnedByYou</c>: the bucket already existed in the caller's account, and
/// nothing was changed. In us-east-1 S3 answers a re-creation with 200 OK for legacy reasons, so there this stays false.
/// </param>
public sealed record BucketCreation(bool AlreadyOwnedByYou);

/// <summary>What S3 answered to a PutObject: the version and how the object was encrypted.</summary>
/// <param name="VersionId">The new version's id on a versioned bucket (<c>null</c> text on a suspended one), else null.</param>
/// <param name="ServerSideEncryption">E.g. <c>aws:kms</c> or <c>AES256</c>.</param>
/// <param name="KmsKeyArn">The KMS key S3 encrypted with (S3 answers the key ARN), or null.</param>
/// <param name="BucketKeyEnabled">Whether S3 used a Bucket Key.</param>
public sealed record ObjectWrite(string? VersionId, string? ServerSideEncryption, string? KmsKeyArn, bool BucketKeyEnabled);

/// <summary>What HeadObject says about an object's storage.</summary>
/// <param name="ServerSideEncryption">E.g. <c>aws:kms</c> or <c>AES256</c>.</param>
/// <param name="KmsKeyArn">The KMS key the object is encrypted with (S3 answers the key ARN), or null.</param>
/// <param name="BucketKeyEnabled">Whether the object is encrypted with a Bucket Key.</param>
/// <param name="VersionId">The version's id on a versioned bucket, else null.</param>
/// <param name="ContentLength">The object's size in bytes.</param>
public sealed record ObjectHead(string? ServerSideEncryption, string? KmsKeyArn, bool BucketKeyEnabled, string? VersionId, long ContentLength);

/// <summary>What DeleteObject did.</summary>
/// <param name="VersionId">The version deleted (with a version id), or the delete marker's version (without one), or null.</param>
/// <param name="DeleteMarker">True when S3 created (or deleted) a delete marker rather than removing data.</param>
public sealed record ObjectDeletion(string? VersionId, bool DeleteMarker);
