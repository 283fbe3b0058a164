using IcaKms.Core.Aws;

namespace IcaKms.Core.Checks;

/// <summary>
/// One inspection of the live state: every call's outcome, successful or not. Checks are pure functions over it.
/// A null member means the call was not made (nothing to ask about, e.g. no prefix or no IAM user given).
/// </summary>
public sealed record LiveSnapshot
{
    /// <summary>The bucket's region (HeadBucket).</summary>
    public required Result<string, AwsFailure> BucketRegion { get; init; }

    /// <summary>The bucket's default encryption.</summary>
    public required Result<BucketEncryption?, AwsFailure> Encryption { get; init; }

    /// <summary>The bucket's versioning status.</summary>
    public required Result<string?, AwsFailure> Versioning { get; init; }

    /// <summary>The bucket's object ownership.</summary>
    public required Result<string?, AwsFailure> ObjectOwnership { get; init; }

    /// <summary>The bucket's public access block.</summary>
    public required Result<PublicAccessBlock?, AwsFailure> PublicAccess { get; init; }

    /// <summary>Whether the prefix folder exists; null when no prefix was given.</summary>
    public Result<bool, AwsFailure>? PrefixExists { get; init; }

    /// <summary>The key from the wizard, described (resolved to its key ARN).</summary>
    public required Result<KmsKeyDescription, AwsFailure> Key { get; init; }

    /// <summary>The key's policy JSON, read with the key ARN DescribeKey returned; DescribeKey's failure when it failed.</summary>
    public required Result<string, AwsFailure> KeyPolicy { get; init; }

    /// <summary>
    /// The key's grants (ListGrants, with the key ARN DescribeKey returned; DescribeKey's failure when it failed). Grants
    /// give access no policy names. Defaults to no grants for snapshots built without reading them.
    /// </summary>
    public Result<IReadOnlyList<KmsGrant>, AwsFailure> Grants { get; init; } = Result<IReadOnlyList<KmsGrant>, AwsFailure>.Ok([]);

    /// <summary>
    /// The bucket policy JSON (GetBucketPolicy), a null value when the bucket has none. Defaults to none for snapshots
    /// built without reading it.
    /// </summary>
    public Result<string?, AwsFailure> BucketPolicy { get; init; } = Result<string?, AwsFailure>.Ok(null);

    /// <summary>The key the bucket's default encryption names, described; null when it names none.</summary>
    public Result<KmsKeyDescription, AwsFailure>? EncryptionKey { get; init; }

    /// <summary>
    /// Every identity policy that applies to the IAM user (attached managed, inline, and each group's managed and
    /// inline), plus the given policy ARN; null when neither a user nor a policy was given. Any refused or failed read
    /// fails the whole list: the effective permissions cannot be judged from part of them.
    /// </summary>
    public Result<IReadOnlyList<IdentityPolicy>, AwsFailure>? IamPolicies { get; init; }

    /// <summary>How long the whole inspection took.</summary>
    public TimeSpan Elapsed { get; init; }
}
