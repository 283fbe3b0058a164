namespace IcaKms.Core.Ica;

/// <summary>
/// What the admin types into ICA's storage configuration form for an SSE-KMS bucket
/// ("Create the S3-SSE-KMS configuration in ICA").
/// </summary>
/// <param name="Region">The ICA region (its AWS region must hold the bucket and the key).</param>
/// <param name="ConfigurationName">The configuration's name in ICA.</param>
/// <param name="Description">A free-text description.</param>
/// <param name="BucketName">The S3 bucket name.</param>
/// <param name="KeyPrefix">The normalized prefix folder (<c>folder/</c>), or empty for the bucket root.</param>
/// <param name="KeyArn">The full KMS key ARN, entered as "Key Name".</param>
public sealed record IcaStorageConfiguration(
    IcaRegion Region,
    string ConfigurationName,
    string Description,
    string BucketName,
    string KeyPrefix,
    string KeyArn)
{
    /// <summary>ICA's storage type for S3.</summary>
    public const string StorageType = "AWS_S3";

    /// <summary>The algorithm ICA expects for SSE-KMS.</summary>
    public const string Algorithm = "aws:kms";
}
