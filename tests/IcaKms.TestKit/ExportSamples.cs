using IcaKms.Core.Aws;
using IcaKms.Core.Bundle;
using IcaKms.Core.Checks;
using IcaKms.Core.Documents;
using IcaKms.Core.Export;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using IcaKms.Core;

namespace IcaKms.TestKit;

/// <summary>
/// The setups the Terraform/CloudFormation export is tested with (Core's goldens, the HCL parser, the emulator deploy):
/// offline with a new key, offline with a given key, connected (the bucket, user and policy exist; the key policy merged).
/// </summary>
public static class ExportSamples
{
    public const string KeyArn = "arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public const string Bucket = "acme-genomics-ica";

    public const string Prefix = "runs/";

    public const string Role = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

    public const string Caller = "arn:aws:iam::123456789012:user/admin";

    /// <summary>The existing key's policy: the default root statement, and one with an IAM policy variable (must stay literal).</summary>
    public const string ExistingKeyPolicy = """
        {"Version":"2012-10-17","Id":"key-consolepolicy-3","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
          {"Sid":"Allow own user","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/ops"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:user":"${aws:username}"}}}]}
        """;

    public static IReadOnlyList<string> Names { get; } = ["offline-new-key", "offline-given-key", "connected"];

    public static ExportSubject Subject(string name) => name switch
    {
        "offline-new-key" => ExportSubject.Offline(Documents(Inputs() with { KeyArn = string.Empty, CrossAccountCopy = true, CrossAccountRoleArn = Role }).Content),
        "offline-given-key" => ExportSubject.Offline(Documents(Inputs() with { KeyPrefix = string.Empty, Variant = PolicyVariant.Versioned, IamUserName = "ica-storage" }).Content),
        "connected" => Connected(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static SetupInputs Inputs() => new()
    {
        AwsRegion = "ap-southeast-2",
        BucketName = Bucket,
        KeyArn = KeyArn,
        KeyPrefix = Prefix,
        ConfigurationName = "acme-runs",
    };

    public static SetupDocuments Documents(SetupInputs inputs) => SetupDocuments.Create(inputs, SetupValidation.Of(inputs));

    /// <summary>Connected: the bucket exists (AES256 with SSE-C blocked, no ownership controls), the user has the policy attached, cross-account chosen.</summary>
    public static ExportSubject Connected(string keyPolicy = ExistingKeyPolicy, string caller = Caller)
    {
        SetupInputs inputs = Inputs() with { IamUserName = "ica-storage", Variant = PolicyVariant.Versioned, CrossAccountCopy = true, CrossAccountRoleArn = Role };
        SetupDocuments documents = Documents(inputs);
        InspectionRequest request = InspectionRequest.Create(inputs);
        return ExportFromPlan.Create(documents.Content, request, Snapshot(keyPolicy), caller);
    }

    public static LiveSnapshot Snapshot(string keyPolicy) => new()
    {
        BucketRegion = Result<string, AwsFailure>.Ok("ap-southeast-2"),
        Encryption = Result<BucketEncryption?, AwsFailure>.Ok(new BucketEncryption("AES256", null, false, ["SSE-C"])),
        Versioning = Result<string?, AwsFailure>.Ok("Enabled"),
        ObjectOwnership = Result<string?, AwsFailure>.Ok(null),
        PublicAccess = Result<PublicAccessBlock?, AwsFailure>.Ok(PublicAccessBlock.AllBlocked),
        PrefixExists = Result<bool, AwsFailure>.Ok(true),
        Key = Result<KmsKeyDescription, AwsFailure>.Ok(new KmsKeyDescription(KeyArn, "1234abcd-12ab-34cd-56ef-1234567890ab", "ap-southeast-2", "123456789012", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null)),
        KeyPolicy = Result<string, AwsFailure>.Ok(keyPolicy),
        IamPolicies = Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Ok(
        [
            new IdentityPolicy("ica-sse-kms-" + Bucket, "{}", IdentityPolicySource.AttachedToUser, "arn:aws:iam::123456789012:policy/ica-sse-kms-" + Bucket),
        ]),
    };

    /// <summary>Every file of a case, by its name in the zip.</summary>
    public static IReadOnlyList<SetupBundleFile> Files(ExportSubject subject) => [.. ExportFiles.Terraform(subject), .. ExportFiles.CloudFormation(subject)];
}
