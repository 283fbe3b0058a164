using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.E2E.Tests.Wizard;

/// <summary>What a newcomer enters in the wizard, and the documents Core makes of it, the oracle for the downloads.</summary>
public sealed record WalkthroughScenario
{
    /// <summary>Names the screenshots: <c>{Name}-1-bucket.png</c> and so on.</summary>
    public required string Name { get; init; }

    public required string AwsRegion { get; init; }

    public required string BucketName { get; init; }

    public required string KeyArn { get; init; }

    /// <summary>The prefix as typed.</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>The prefix as the documents use it (trimmed, ending with '/').</summary>
    public required string NormalizedKeyPrefix { get; init; }

    public required PolicyVariant Variant { get; init; }

    public required bool ScopeObjectsToPrefix { get; init; }

    public required string ConfigurationName { get; init; }

    public required string Description { get; init; }

    public required bool CrossAccountCopy { get; init; }

    public IcaRegion Region => IcaRegions.FindByAwsRegion(AwsRegion) ?? throw new InvalidOperationException($"No ICA region for {AwsRegion}.");

    /// <summary>ICA's confirmed cross-account role for the region, which the wizard fills in.</summary>
    public string SuggestedRoleArn => Region.CrossAccountRoleArn ?? throw new InvalidOperationException($"No confirmed role in {AwsRegion}.");

    /// <summary>The spec's IAM policy for these inputs.</summary>
    public string ExpectedIamPolicy =>
        PolicyJson.Serialize(IcaIamPolicy.Create(BucketName, KeyArn, Variant, ScopeObjectsToPrefix ? NormalizedKeyPrefix : null));

    /// <summary>The key-policy statement (with the spec's placeholder role when cross-account copy is off).</summary>
    public string ExpectedKeyPolicyStatement =>
        PolicyJson.Serialize(CrossAccountKeyStatement.Create(CrossAccountCopy ? SuggestedRoleArn : CrossAccountKeyStatement.RolePlaceholder));

    /// <summary>ICA's API body for the storage configuration.</summary>
    public string ExpectedStorageConfiguration => StorageConfigurationRequest.Serialize(StorageConfigurationRequest.Create(
        new IcaStorageConfiguration(Region, ConfigurationName, Description, BucketName, NormalizedKeyPrefix, KeyArn)));

    /// <summary>Unversioned bucket in us-east-1, cross-account copy with the suggested role, the whole bucket granted.</summary>
    public static WalkthroughScenario Unversioned { get; } = new()
    {
        Name = "unversioned",
        AwsRegion = "us-east-1",
        BucketName = "my-lab-ica-data",
        KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        KeyPrefix = "ica-data/",
        NormalizedKeyPrefix = "ica-data/",
        Variant = PolicyVariant.Unversioned,
        ScopeObjectsToPrefix = false,
        ConfigurationName = "lab-sse-kms",
        Description = "Sequencing runs, SSE-KMS",
        CrossAccountCopy = true,
    };

    /// <summary>Versioned bucket in ap-southeast-2 with a multi-region key, objects scoped to the prefix, no cross-account copy.</summary>
    public static WalkthroughScenario Versioned { get; } = new()
    {
        Name = "versioned",
        AwsRegion = "ap-southeast-2",
        BucketName = "aps2-genomics-archive",
        KeyArn = "arn:aws:kms:ap-southeast-2:444455556666:key/mrk-0123456789abcdef0123456789abcdef",
        KeyPrefix = "runs/2026",
        NormalizedKeyPrefix = "runs/2026/",
        Variant = PolicyVariant.Versioned,
        ScopeObjectsToPrefix = true,
        ConfigurationName = "aps2.archive",
        Description = string.Empty,
        CrossAccountCopy = false,
    };
}
