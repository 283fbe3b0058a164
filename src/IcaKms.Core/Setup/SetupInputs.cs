using IcaKms.Core.Policies;

namespace IcaKms.Core.Setup;

/// <summary>
/// Everything the admin enters in the wizard. None of it is secret, so it may be kept in the browser
/// to survive a reload. Values are as typed; <see cref="SetupValidation"/> says which are usable.
/// </summary>
public sealed record SetupInputs
{
    /// <summary>The AWS region of the chosen ICA region.</summary>
    public string AwsRegion { get; init; } = "us-east-1";

    /// <summary>The S3 bucket name.</summary>
    public string BucketName { get; init; } = string.Empty;

    /// <summary>The full KMS key ARN.</summary>
    public string KeyArn { get; init; } = string.Empty;

    /// <summary>The prefix folder connected to ICA (optional).</summary>
    public string KeyPrefix { get; init; } = string.Empty;

    /// <summary>Which of the spec's IAM policies the bucket needs.</summary>
    public PolicyVariant Variant { get; init; } = PolicyVariant.Unversioned;

    /// <summary>Scope the policy's object statement to the prefix folder (not in the spec; off by default).</summary>
    public bool ScopeObjectsToPrefix { get; init; }

    /// <summary>The IAM user whose access key ICA holds (checked when connected; optional).</summary>
    public string IamUserName { get; init; } = string.Empty;

    /// <summary>A managed policy ARN to check when connected (optional).</summary>
    public string PolicyArn { get; init; } = string.Empty;

    /// <summary>The storage configuration's name in ICA.</summary>
    public string ConfigurationName { get; init; } = string.Empty;

    /// <summary>The storage configuration's description in ICA.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Whether ICA's cross-account copy will be used with this key.</summary>
    public bool CrossAccountCopy { get; init; }

    /// <summary>ICA's cross-account role ARN for the region.</summary>
    public string CrossAccountRoleArn { get; init; } = string.Empty;
}
