using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.KeyPolicies;
using IcaKms.Core.Applying;

namespace IcaKms.Core.Bundle;

/// <summary>The choices a setup bundle is made from; the bundle's documents are derived from them here, once.</summary>
/// <param name="Configuration">The bucket, key and ICA values.</param>
/// <param name="Variant">The spec's IAM policy variant the bucket needs.</param>
/// <param name="ScopeObjectsToPrefix">Grant object access under the key prefix only (no effect without a prefix).</param>
/// <param name="CrossAccountRoleArn">ICA's cross-account copy role, or null when cross-account copy was not chosen.</param>
public sealed record SetupBundleContent(
    IcaStorageConfiguration Configuration,
    PolicyVariant Variant,
    bool ScopeObjectsToPrefix,
    string? CrossAccountRoleArn)
{
    /// <summary>The verdicts of the last live inspection, written into the README as a record; null when offline.</summary>
    public IReadOnlyList<Checks.SetupCheck>? LiveChecks { get; init; }

    /// <summary>The changes IcaKms applied in this session, written into the README as a record; null or empty when none.</summary>
    public IReadOnlyList<AppliedChange>? AppliedChanges { get; init; }

    /// <summary>ICA's IAM user as entered in step 2 (valid), or null for the name IcaKms proposes.</summary>
    public string? IamUserName { get; init; }

    /// <summary>The managed policy ARN entered in step 2 (valid), or null for the policy IcaKms proposes.</summary>
    public string? PolicyArn { get; init; }

    /// <summary>True when cross-account copy was chosen.</summary>
    public bool CrossAccountCopy => !string.IsNullOrWhiteSpace(CrossAccountRoleArn);

    /// <summary>The prefix the object statement is scoped to, or null for the whole bucket.</summary>
    public string? ObjectPrefix => ScopeObjectsToPrefix && !Configuration.IsBucketRoot ? Configuration.KeyPrefix : null;

    /// <summary>The spec's IAM policy for the bucket and key.</summary>
    public PolicyDocument IamPolicy() =>
        IcaIamPolicy.Create(Configuration.BucketName, Configuration.KeyArn, Variant, ObjectPrefix);

    /// <summary>The cross-account key-policy statement, with <see cref="CrossAccountKeyStatement.RolePlaceholder"/> when not chosen.</summary>
    public PolicyStatement KeyPolicyStatement() =>
        CrossAccountKeyStatement.Create(CrossAccountCopy ? CrossAccountRoleArn! : CrossAccountKeyStatement.RolePlaceholder);

    /// <summary>The ICA API body, with the placeholder credential and region ids.</summary>
    public StorageConfigurationRequest ApiRequest() => StorageConfigurationRequest.Create(Configuration);
}
