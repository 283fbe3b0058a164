using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public class PolicyChecksTests
{
    private const string Admin = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""";

    private const string KmsOnly = $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], "Resource": "{{KeyArn}}"}]}
        """;

    private const string S3AndSts = """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::lab-ica-data", "arn:aws:s3:::lab-ica-data/*"]},
          {"Effect": "Allow", "Action": "sts:GetFederationToken", "Resource": "*"}]}
        """;

    private const string DenyDeletes = """
        {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}}
        """;

    private static readonly SetupInputs Versioned = Inputs with { Variant = PolicyVariant.Versioned };

    private static readonly CheckCase[] Cases =
    [
        new("versioning: never enabled", LiveCheckIds.BucketVersioning, CheckState.Pass, "never enabled on the bucket, so ICA needs the unversioned policy. You chose it", Healthy()),
        new("versioning: enabled, versioned chosen", LiveCheckIds.BucketVersioning, CheckState.Pass, "you chose it",
            Healthy() with { Versioning = Ok<string?>("Enabled") }, Versioned),
        new("versioning: enabled, unversioned chosen", LiveCheckIds.BucketVersioning, CheckState.Fail, "Choose the versioned policy in step 2",
            Healthy() with { Versioning = Ok<string?>("Enabled") }),
        new("versioning: suspended, unversioned chosen", LiveCheckIds.BucketVersioning, CheckState.Fail, "is Suspended",
            Healthy() with { Versioning = Ok<string?>("Suspended") }),
        new("versioning: suspended, versioned chosen", LiveCheckIds.BucketVersioning, CheckState.Pass, "Suspended",
            Healthy() with { Versioning = Ok<string?>("Suspended") }, Versioned),
        new("versioning: never enabled, versioned chosen", LiveCheckIds.BucketVersioning, CheckState.Fail, "Choose the unversioned policy",
            Healthy(), Versioned),
        new("versioning: denied", LiveCheckIds.BucketVersioning, CheckState.NotChecked, "Allow s3:GetBucketVersioning",
            Healthy() with { Versioning = Failed<string?>(AwsFailureKind.AccessDenied, "s3:GetBucketVersioning", "AccessDenied.") }),
        new("policy: spec policy attached", LiveCheckIds.IamPolicy, CheckState.Pass, "The managed policy ica-kms attached to ica-user allows every action of the spec's unversioned policy", Healthy()),
        new("policy: versioned policy for versioned choice", LiveCheckIds.IamPolicy, CheckState.Pass, "versioned policy",
            Healthy() with { Versioning = Ok<string?>("Enabled"), IamPolicies = ManagedPolicies(Version(IamPolicy(PolicyVariant.Versioned))) }, Versioned),
        new("policy: unversioned policy for versioned choice", LiveCheckIds.IamPolicy, CheckState.Fail,
            "s3:ListBucketVersions, s3:GetBucketVersioning on the bucket arn:aws:s3:::lab-ica-data; s3:DeleteObjectVersion, s3:GetObjectVersion on the objects",
            Healthy() with { Versioning = Ok<string?>("Enabled") }, Versioned),
        new("policy: another key", LiveCheckIds.IamPolicy, CheckState.Fail, $"kms:Decrypt, kms:Encrypt, kms:GenerateDataKey on the key {KeyArn}",
            Healthy() with { IamPolicies = ManagedPolicies(Version(IamPolicy(keyArn: OtherKeyArn))) }),
        new("policy: split over two policies", LiveCheckIds.IamPolicy, CheckState.Pass, "the 2 managed policies attached to ica-user allow",
            Healthy() with { IamPolicies = ManagedPolicies(Version(KmsOnly, PolicyArn + "-kms"), Version(S3AndSts, PolicyArn + "-s3")) }),
        new("policy: one of two policies", LiveCheckIds.IamPolicy, CheckState.Fail, "sts:GetFederationToken on \"*\"",
            Healthy() with { IamPolicies = ManagedPolicies(Version(KmsOnly)) }),
        new("policy: administrator", LiveCheckIds.IamPolicy, CheckState.Pass, "allows every action", Healthy() with { IamPolicies = ManagedPolicies(Version(Admin)) }),
        new("policy: explicit deny", LiveCheckIds.IamPolicy, CheckState.Fail, "Denied by a Deny statement: s3:DeleteObject",
            Healthy() with { IamPolicies = ManagedPolicies(Version(IamPolicy()), Version(DenyDeletes, PolicyArn + "-deny")) }),
        new("policy: scoped to the prefix", LiveCheckIds.IamPolicy, CheckState.Pass, "allows",
            Healthy() with { IamPolicies = ManagedPolicies(Version(IamPolicy(objectPrefix: Prefix))) }),
        new("policy: scoped to another prefix", LiveCheckIds.IamPolicy, CheckState.Fail, "on the objects arn:aws:s3:::lab-ica-data/ica/*",
            Healthy() with { IamPolicies = ManagedPolicies(Version(IamPolicy(objectPrefix: "other/"))) }),
        new("policy: unreadable document", LiveCheckIds.IamPolicy, CheckState.Fail, "The managed policy ica-kms attached to ica-user could not be read",
            Healthy() with { IamPolicies = ManagedPolicies(Version("{not json")) }),
        new("policy: no policies attached", LiveCheckIds.IamPolicy, CheckState.Fail, "has no policies at all", Healthy() with { IamPolicies = ManagedPolicies() }),
        new("policy: given policy ARN only", LiveCheckIds.IamPolicy, CheckState.Fail, "Make the policy's default version",
            Healthy() with { IamPolicies = ManagedPolicies(Version(KmsOnly) with { Source = IdentityPolicySource.Given }) }, Inputs with { IamUserName = "", PolicyArn = PolicyArn }),
        new("policy: nothing to read", LiveCheckIds.IamPolicy, CheckState.NotChecked, "No IAM user or policy ARN given",
            Healthy() with { IamPolicies = null }, Inputs with { IamUserName = "" }),
        new("policy: listing denied", LiveCheckIds.IamPolicy, CheckState.NotChecked, "Allow iam:ListAttachedUserPolicies",
            Healthy() with { IamPolicies = Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.AccessDenied, "iam:ListAttachedUserPolicies", User, "AccessDenied", "AccessDenied on iam:ListAttachedUserPolicies.")) }),
        new("policy: no such user", LiveCheckIds.IamPolicy, CheckState.Fail, "The user with name ica-user cannot be found",
            Healthy() with { IamPolicies = Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.NotFound, "iam:ListAttachedUserPolicies", User, "NoSuchEntity", "The user with name ica-user cannot be found.")) }),
        new("policy: key unknown", LiveCheckIds.IamPolicy, CheckState.NotChecked, "key ARN is not known",
            Healthy() with { Key = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", "Not found.") }, Inputs with { KeyArn = "alias/ica" }),
    ];

    public static TheoryData<string> Names => CheckCase.NamesOf(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_GivesTheVerdict_ForEachPolicyFinding(string name) => CheckCase.Verify(Cases, name);
}
