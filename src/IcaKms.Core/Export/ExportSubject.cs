using IcaKms.Core.Bundle;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Export;

/// <summary>
/// What a Terraform configuration or CloudFormation template describes: the wizard's values, the names of what it
/// creates, and what already exists (so it is imported or referenced, never created again). Offline
/// (<see cref="Offline"/>) nothing exists but a key given by its ARN; connected, <see cref="ExportFromPlan"/> reads the
/// rest from the same planners the apply flow uses.
/// </summary>
public sealed record ExportSubject
{
    /// <summary>The AWS region of the ICA region: the bucket, the key and the calls.</summary>
    public required string AwsRegion { get; init; }

    /// <summary>The bucket name (or the spec's placeholder while it is not valid).</summary>
    public required string BucketName { get; init; }

    /// <summary>The prefix folder connected to ICA, ending in <c>/</c>; empty for the bucket root.</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>The spec's IAM policy variant.</summary>
    public required PolicyVariant Variant { get; init; }

    /// <summary>True when the object statement is scoped to the prefix (not in the spec; off by default).</summary>
    public bool ScopeObjectsToPrefix { get; init; }

    /// <summary>ICA's cross-account role, or null when cross-account copy was not chosen.</summary>
    public string? CrossAccountRoleArn { get; init; }

    /// <summary>ICA's IAM user.</summary>
    public required string IamUserName { get; init; }

    /// <summary>The managed policy's name.</summary>
    public required string IamPolicyName { get; init; }

    /// <summary>The alias of a key the export creates.</summary>
    public required string KmsAliasName { get; init; }

    /// <summary>The description of a key the export creates.</summary>
    public required string KeyDescription { get; init; }

    /// <summary>The ARN of the key that exists; null when the export creates the key.</summary>
    public string? ExistingKeyArn { get; init; }

    /// <summary>
    /// The whole key policy to manage on the existing key: the policy read from KMS with ICA's statement merged by
    /// <see cref="KeyPolicies.KeyPolicyMerge"/>; null when the export leaves the existing key's policy alone.
    /// </summary>
    public string? MergedKeyPolicy { get; init; }

    /// <summary>Why the key policy is (or is not) managed, in one sentence; null when there is nothing to say.</summary>
    public string? KeyPolicyNote { get; init; }

    /// <summary>True when the bucket exists (imported, not created).</summary>
    public bool BucketExists { get; init; }

    /// <summary>True when the bucket has a default encryption configuration to import.</summary>
    public bool EncryptionExists { get; init; }

    /// <summary>True when the bucket has ownership controls to import.</summary>
    public bool OwnershipExists { get; init; }

    /// <summary>True when the bucket has a public access block to import.</summary>
    public bool PublicAccessBlockExists { get; init; }

    /// <summary>The encryption types the bucket blocks today (kept: read-modify-write).</summary>
    public IReadOnlyList<string> BlockedEncryptionTypes { get; init; } = [];

    /// <summary>True when the prefix folder exists.</summary>
    public bool PrefixExists { get; init; }

    /// <summary>True when ICA's IAM user exists.</summary>
    public bool UserExists { get; init; }

    /// <summary>The ARN of the managed policy when it exists; null when the export creates it.</summary>
    public string? ExistingPolicyArn { get; init; }

    /// <summary>True when the policy is attached to the user already.</summary>
    public bool PolicyAttached { get; init; }

    /// <summary>True when made from a live inspection (connected), false from the inputs alone.</summary>
    public bool FromLiveState { get; init; }

    /// <summary>What the reader should know (blockers of the plan, what was left alone and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when the export creates the key.</summary>
    public bool CreatesKey => ExistingKeyArn is null;

    /// <summary>True when cross-account copy was chosen.</summary>
    public bool CrossAccountCopy => CrossAccountRoleArn is not null;

    /// <summary>True when there is a prefix folder.</summary>
    public bool HasPrefix => KeyPrefix.Length > 0;

    /// <summary>True when anything the export describes already exists.</summary>
    public bool ImportsAnything => BucketExists || UserExists || ExistingPolicyArn is not null || (ExistingKeyArn is not null && MergedKeyPolicy is not null);

    /// <summary>The subject from the inputs alone: a valid key ARN is an existing key (its policy unknown), nothing else exists.</summary>
    public static ExportSubject Offline(SetupBundleContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string? iamUserName = content.IamUserName;
        string? policyArn = content.PolicyArn;
        Ica.IcaStorageConfiguration config = content.Configuration;
        string bucket = config.BucketName;
        bool keyGiven = !string.Equals(config.KeyArn, IcaIamPolicy.KeyPlaceholder, StringComparison.Ordinal);
        return new ExportSubject
        {
            AwsRegion = config.Region.AwsRegion,
            BucketName = bucket,
            KeyPrefix = config.KeyPrefix,
            Variant = content.Variant,
            ScopeObjectsToPrefix = content.ObjectPrefix is not null,
            CrossAccountRoleArn = content.CrossAccountCopy ? content.CrossAccountRoleArn : null,
            IamUserName = string.IsNullOrWhiteSpace(iamUserName) ? SetupNames.UserName(bucket) : iamUserName.Trim(),
            IamPolicyName = PolicyNameOf(policyArn, bucket),
            KmsAliasName = SetupNames.AliasName(bucket),
            KeyDescription = SetupNames.KeyDescription(bucket),
            ExistingKeyArn = keyGiven ? config.KeyArn : null,
            // As the offline script does: a policy ARN given in step 2 names a policy that exists.
            ExistingPolicyArn = string.IsNullOrWhiteSpace(policyArn) ? null : policyArn.Trim(),
            KeyPolicyNote = keyGiven && content.CrossAccountCopy
                ? "The key exists and its policy was not read (no AWS session), so this file does not manage it: add ICA's cross-account statement to the key policy by hand (keep every other statement), or connect IcaKms and export again to get the whole merged policy."
                : null,
        };
    }

    /// <summary>The managed policy's name: the last part of a given ARN, else the one IcaKms proposes for the bucket.</summary>
    internal static string PolicyNameOf(string? policyArn, string bucket) =>
        string.IsNullOrWhiteSpace(policyArn) ? SetupNames.PolicyName(bucket) : policyArn.Trim()[(policyArn.Trim().LastIndexOf('/') + 1)..];
}
