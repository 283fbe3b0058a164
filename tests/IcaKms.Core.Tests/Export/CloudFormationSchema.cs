namespace IcaKms.Core.Tests.Export;

/// <summary>
/// The CloudFormation resource types and properties the export uses, as AWS's CloudFormation template reference names
/// them (each type's page, e.g. "AWS::S3::Bucket" with its "ServerSideEncryptionRule" and "BucketEncryption" property
/// types). A property not here is one the template must not use until it is checked against that reference.
/// </summary>
internal static class CloudFormationSchema
{
    /// <summary>Resource type → its top-level properties the export may use.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ResourceProperties { get; } = new Dictionary<string, IReadOnlySet<string>>
    {
        // AWS::KMS::Key: Description, Enabled, EnableKeyRotation, KeyPolicy, KeySpec, KeyUsage, MultiRegion, PendingWindowInDays, Tags…
        ["AWS::KMS::Key"] = new HashSet<string> { "Description", "KeyPolicy", "KeySpec", "KeyUsage", "EnableKeyRotation" },
        // AWS::KMS::Alias: AliasName, TargetKeyId.
        ["AWS::KMS::Alias"] = new HashSet<string> { "AliasName", "TargetKeyId" },
        // AWS::S3::Bucket: BucketName, BucketEncryption, OwnershipControls, PublicAccessBlockConfiguration, VersioningConfiguration, Tags…
        ["AWS::S3::Bucket"] = new HashSet<string> { "BucketName", "BucketEncryption", "OwnershipControls", "PublicAccessBlockConfiguration" },
        // AWS::IAM::User: UserName, Path, Groups, ManagedPolicyArns, Policies, Tags…
        ["AWS::IAM::User"] = new HashSet<string> { "UserName" },
        // AWS::IAM::ManagedPolicy: ManagedPolicyName, PolicyDocument, Users, Groups, Roles, Path, Description.
        ["AWS::IAM::ManagedPolicy"] = new HashSet<string> { "ManagedPolicyName", "PolicyDocument", "Users" },
    };

    /// <summary>Nested property types (by the JSON path inside a resource's Properties) → their properties.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> NestedProperties { get; } = new Dictionary<string, IReadOnlySet<string>>
    {
        // AWS::S3::Bucket BucketEncryption: ServerSideEncryptionConfiguration (a list of ServerSideEncryptionRule).
        ["AWS::S3::Bucket/BucketEncryption"] = new HashSet<string> { "ServerSideEncryptionConfiguration" },
        // ServerSideEncryptionRule: ServerSideEncryptionByDefault, BucketKeyEnabled, BlockedEncryptionTypes.
        ["AWS::S3::Bucket/BucketEncryption/ServerSideEncryptionConfiguration[]"] = new HashSet<string> { "ServerSideEncryptionByDefault", "BucketKeyEnabled", "BlockedEncryptionTypes" },
        // ServerSideEncryptionByDefault: SSEAlgorithm, KMSMasterKeyID.
        ["AWS::S3::Bucket/BucketEncryption/ServerSideEncryptionConfiguration[]/ServerSideEncryptionByDefault"] = new HashSet<string> { "SSEAlgorithm", "KMSMasterKeyID" },
        // BlockedEncryptionTypes: EncryptionType.
        ["AWS::S3::Bucket/BucketEncryption/ServerSideEncryptionConfiguration[]/BlockedEncryptionTypes"] = new HashSet<string> { "EncryptionType" },
        // OwnershipControls: Rules (a list of OwnershipControlsRule: ObjectOwnership).
        ["AWS::S3::Bucket/OwnershipControls"] = new HashSet<string> { "Rules" },
        ["AWS::S3::Bucket/OwnershipControls/Rules[]"] = new HashSet<string> { "ObjectOwnership" },
        // PublicAccessBlockConfiguration: BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets.
        ["AWS::S3::Bucket/PublicAccessBlockConfiguration"] = new HashSet<string> { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" },
    };

    /// <summary>The resource attributes a resource may carry besides Type and Properties (template anatomy, "Resources").</summary>
    public static IReadOnlySet<string> ResourceAttributes { get; } = new HashSet<string> { "Type", "Properties", "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "DependsOn", "Condition" };

    /// <summary>The template's top-level sections (template anatomy).</summary>
    public static IReadOnlySet<string> Sections { get; } = new HashSet<string> { "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs" };

    /// <summary>The intrinsic functions the export uses.</summary>
    public static IReadOnlySet<string> Functions { get; } = new HashSet<string> { "Ref", "Fn::GetAtt", "Fn::Sub" };

    /// <summary>The attributes <c>Fn::GetAtt</c> may read, per type (AWS::KMS::Key returns Arn and KeyId).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Attributes { get; } = new Dictionary<string, IReadOnlySet<string>>
    {
        ["AWS::KMS::Key"] = new HashSet<string> { "Arn", "KeyId" },
    };
}
