using IcaKms.Core.Validation;

namespace IcaKms.Core.Policies;

/// <summary>
/// The IAM policy of ICA's SSE-KMS help page ("Connect the S3-SSE-KMS to ICA"), in its unversioned or
/// versioned/suspended variant. Statement order, action order and string-vs-array shapes follow the spec.
/// </summary>
public static class IcaIamPolicy
{
    /// <summary>The bucket placeholder the spec uses.</summary>
    public const string BucketPlaceholder = "BUCKET_NAME";

    /// <summary>The KMS key placeholder the spec uses.</summary>
    public const string KeyPlaceholder = "arn:aws:kms:xxx";

    /// <summary>The KMS actions ICA needs on the key.</summary>
    public static IReadOnlyList<string> KmsActions { get; } = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"];

    /// <summary>The bucket-level S3 actions of the given variant, in the spec's order.</summary>
    public static IReadOnlyList<string> BucketActions(PolicyVariant variant) => variant == PolicyVariant.Versioned
        ? ["s3:PutBucketNotification", "s3:ListBucket", "s3:GetBucketNotification", "s3:GetBucketLocation", "s3:ListBucketVersions", "s3:GetBucketVersioning"]
        : ["s3:PutBucketNotification", "s3:ListBucket", "s3:GetBucketNotification", "s3:GetBucketLocation"];

    /// <summary>The object-level S3 actions of the given variant, in the spec's order.</summary>
    public static IReadOnlyList<string> ObjectActions(PolicyVariant variant) => variant == PolicyVariant.Versioned
        ? ["s3:PutObject", "s3:GetObject", "s3:RestoreObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObjectVersion"]
        : ["s3:PutObject", "s3:GetObject", "s3:RestoreObject", "s3:DeleteObject"];

    /// <summary>The STS action ICA uses to hand out temporary credentials.</summary>
    public static IReadOnlyList<string> StsActions { get; } = ["sts:GetFederationToken"];

    /// <summary>The ARN of a bucket, in the commercial partition ICA runs in.</summary>
    public static string BucketArn(string bucketName) => ArnParts.Bucket(ArnParts.CommercialPartition, bucketName);

    /// <summary>The ARN pattern of the objects the policy grants: the whole bucket, or only the key prefix.</summary>
    public static string ObjectArn(string bucketName, string? keyPrefix = null) =>
        ArnParts.Objects(ArnParts.CommercialPartition, bucketName, keyPrefix);

    /// <summary>Builds the spec's policy for a bucket and key.</summary>
    /// <param name="bucketName">The bucket name (or <see cref="BucketPlaceholder"/>).</param>
    /// <param name="keyArn">The full KMS key ARN (or <see cref="KeyPlaceholder"/>).</param>
    /// <param name="variant">Unversioned, or versioned/suspended.</param>
    /// <param name="objectPrefix">
    /// When set (a normalized prefix ending in <c>/</c>), the object statement is scoped to
    /// <c>arn:aws:s3:::bucket/prefix/*</c> instead of the whole bucket. Not in the spec; off by default.
    /// </param>
    public static PolicyDocument Create(string bucketName, string keyArn, PolicyVariant variant, string? objectPrefix = null) => new()
    {
        Statement =
        [
            new PolicyStatement
            {
                Effect = "Allow",
                Action = PolicyValues.Many([.. KmsActions, .. BucketActions(variant)]),
                Resource = PolicyValues.Many(keyArn, BucketArn(bucketName)),
            },
            new PolicyStatement
            {
                Effect = "Allow",
                Action = PolicyValues.Many(ObjectActions(variant)),
                Resource = PolicyValues.One(ObjectArn(bucketName, objectPrefix)),
            },
            new PolicyStatement
            {
                Effect = "Allow",
                Action = PolicyValues.Many(StsActions),
                Resource = PolicyValues.Many("*"),
            },
        ],
    };

    /// <summary>The variant a bucket needs, from its S3 versioning status (null or empty when never enabled).</summary>
    public static PolicyVariant VariantFor(string? versioningStatus) =>
        string.IsNullOrEmpty(versioningStatus) || string.Equals(versioningStatus, "Off", StringComparison.OrdinalIgnoreCase)
            ? PolicyVariant.Unversioned
            : PolicyVariant.Versioned;
}
