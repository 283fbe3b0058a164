using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Checks;

/// <summary>Small builders for live snapshots: a healthy setup, and the pieces to break it one at a time.</summary>
internal static class Live
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string Bucket = "lab-ica-data";
    public const string Prefix = "ica/";
    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string KeyArn = $"arn:aws:kms:{Region}:{Account}:key/{KeyId}";
    public const string OtherKeyArn = $"arn:aws:kms:{Region}:{Account}:key/0000aaaa-12ab-34cd-56ef-1234567890ab";
    public const string User = "ica-user";
    public const string UserArn = $"arn:aws:iam::{Account}:user/{User}";
    public const string RootArn = $"arn:aws:iam::{Account}:root";
    public const string PolicyArn = $"arn:aws:iam::{Account}:policy/ica-kms";
    public const string RoleArn = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

    public static SetupInputs Inputs { get; } = new()
    {
        AwsRegion = Region,
        BucketName = Bucket,
        KeyArn = KeyArn,
        KeyPrefix = Prefix,
        ConfigurationName = "lab-kms",
        Variant = PolicyVariant.Unversioned,
        IamUserName = User,
    };

    public static SetupInputs CrossAccountInputs { get; } = Inputs with { CrossAccountCopy = true, CrossAccountRoleArn = RoleArn };

    /// <summary>The inputs validated once into the request the inspection and the checks take.</summary>
    public static InspectionRequest Request(SetupInputs? inputs = null) => InspectionRequest.Create(inputs ?? Inputs);

    public static KmsKeyDescription Key { get; } = new(KeyArn, KeyId, Region, Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null);

    public static BucketEncryption Encryption { get; } = new("aws:kms", KeyArn, true, ["SSE-C"]);

    public const string RootStatement = $$"""
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "{{RootArn}}"}, "Action": "kms:*", "Resource": "*"}
        """;

    public const string CrossAccountStatement = $$"""
        {"Sid": "Allow cross account access", "Effect": "Allow", "Principal": {"AWS": "{{RoleArn}}"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"}
        """;

    /// <summary>A key policy holding the given statements.</summary>
    public static string KeyPolicy(params string[] statements) => $$"""{"Version": "2012-10-17", "Id": "key-default-1", "Statement": [{{string.Join(",", statements)}}]}""";

    /// <summary>The spec's IAM policy for the bucket and a key.</summary>
    public static string IamPolicy(PolicyVariant variant = PolicyVariant.Unversioned, string keyArn = KeyArn, string? objectPrefix = null) =>
        PolicyJson.Serialize(IcaIamPolicy.Create(Bucket, keyArn, variant, objectPrefix));

    /// <summary>A managed policy attached to the user.</summary>
    public static IdentityPolicy Version(string document, string policyArn = PolicyArn) =>
        new(policyArn[(policyArn.LastIndexOf('/') + 1)..], document, IdentityPolicySource.AttachedToUser, policyArn);

    /// <summary>The default version of a managed policy, as the IAM gateway answers it.</summary>
    public static ManagedPolicyVersion ManagedVersion(string document, string policyArn = PolicyArn) => new(policyArn, "v1", document);

    public static Result<T, AwsFailure> Ok<T>(T value) => Result<T, AwsFailure>.Ok(value);

    public static Result<T, AwsFailure> Failed<T>(AwsFailureKind kind, string action, string message) =>
        Result<T, AwsFailure>.Fail(new AwsFailure(kind, action, null, kind == AwsFailureKind.AccessDenied ? "AccessDenied" : null, message));

    public static Result<IReadOnlyList<IdentityPolicy>, AwsFailure> ManagedPolicies(params IdentityPolicy[] policies) =>
        Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Ok(policies);

    /// <summary>Everything right: every check passes for <see cref="Inputs"/> (and <see cref="CrossAccountInputs"/>).</summary>
    public static LiveSnapshot Healthy() => new()
    {
        BucketRegion = Ok(Region),
        Encryption = Ok<BucketEncryption?>(Encryption),
        Versioning = Ok<string?>(null),
        ObjectOwnership = Ok<string?>("BucketOwnerEnforced"),
        PublicAccess = Ok<PublicAccessBlock?>(new PublicAccessBlock(true, true, true, true)),
        PrefixExists = Ok(true),
        Key = Ok(Key),
        KeyPolicy = Ok(KeyPolicy(RootStatement, CrossAccountStatement)),
        EncryptionKey = Ok(Key),
        IamPolicies = ManagedPolicies(Version(IamPolicy())),
    };

    /// <summary>The one check with the id.</summary>
    public static SetupCheck Check(LiveSnapshot snapshot, string id, SetupInputs? inputs = null) =>
        LiveChecks.Evaluate(snapshot, Request(inputs)).Single(c => c.Id == id);
}
