namespace IcaKms.Core.Aws;

/// <summary>A bucket's default encryption rule (S3 GetBucketEncryption).</summary>
/// <param name="SseAlgorithm"><c>AES256</c>, <c>aws:kms</c> or <c>aws:kms:dsse</c>.</param>
/// <param name="KmsMasterKeyId">The key as S3 stores it (key ARN, key id or alias), or null for <c>aws/s3</c> or AES256.</param>
/// <param name="BucketKeyEnabled">Whether S3 Bucket Keys are on.</param>
/// <param name="BlockedEncryptionTypes">Encryption types the bucket refuses (e.g. <c>SSE-C</c>), kept on writes.</param>
public sealed record BucketEncryption(string SseAlgorithm, string? KmsMasterKeyId, bool BucketKeyEnabled, IReadOnlyList<string> BlockedEncryptionTypes);

/// <summary>A bucket's public access block (S3 GetPublicAccessBlock).</summary>
public sealed record PublicAccessBlock(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    /// <summary>True when all four settings are on.</summary>
    public bool IsFullyBlocked => BlockPublicAcls && IgnorePublicAcls && BlockPublicPolicy && RestrictPublicBuckets;
}
