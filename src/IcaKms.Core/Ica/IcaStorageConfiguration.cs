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

    /// <summary>The form section that holds <c>Algorithm</c> and <c>Key Name</c>.</summary>
    public const string EncryptionSection = "[Optional] Server Side Encryption";

    /// <summary>The label of the first field in <see cref="EncryptionSection"/>.</summary>
    public const string AlgorithmLabel = "Algorithm";

    /// <summary>What to pick as "Credential": an instruction, never a secret (ICA holds the access key itself).</summary>
    public const string CredentialInstruction =
        "Select the ICA credential of the IAM user that holds the IAM policy (the user's access key, added in ICA as a storage credential).";

    /// <summary>True when no key prefix is set and the whole bucket would be connected.</summary>
    public bool IsBucketRoot => KeyPrefix.Length == 0;

    /// <summary>
    /// The values of ICA's storage configuration form, in the form's order; the last two belong to
    /// <see cref="EncryptionSection"/>.
    /// </summary>
    public IReadOnlyList<StorageConfigurationField> FormFields() =>
    [
        new("Type", StorageType, "ICA's storage type for an S3 bucket."),
        new("Region", Region.DisplayName, $"The bucket and the KMS key must both be in AWS region {Region.AwsRegion}."),
        new("Configuration name", ConfigurationName, "How the storage is named in ICA."),
        new("Description", Description, "Free text for the people who manage this storage."),
        new("Bucket name", BucketName, "The S3 bucket whose default encryption is SSE-KMS with the key below."),
        new("Key prefix", KeyPrefix, IsBucketRoot
            ? "Empty = the bucket root: connecting the whole bucket blocks it for other ICA projects; a prefix folder is recommended."
            : "The folder created in the bucket (with encryption on); no leading '/', ends with '/'."),
        new("Credential", CredentialInstruction, "That IAM user must have the SSE-KMS IAM policy attached."),
        new(AlgorithmLabel, Algorithm, $"Under \"{EncryptionSection}\"."),
        new("Key Name", KeyArn, $"Under \"{EncryptionSection}\": the full KMS key ARN, not an alias or a key id."),
    ];
}
