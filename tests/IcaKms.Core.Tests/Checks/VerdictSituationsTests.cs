using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

/// <summary>
/// Each situation of issue 17's "Why" list, as an inspection snapshot, gets AWS's verdict: valid, common policies that
/// the checks used to misjudge.
/// </summary>
public class VerdictSituationsTests
{
    private const string KeyAdmins = $"arn:aws:iam::{Account}:role/KeyAdmins";

    /// <summary>"Deny everyone except the key admins and root", through NotPrincipal.</summary>
    private const string DenyAllButAdmins = $$"""
        {"Sid": "DenyAllButAdmins", "Effect": "Deny", "NotPrincipal": {"AWS": ["{{RootArn}}", "{{KeyAdmins}}"]}, "Action": "kms:*", "Resource": "*"}
        """;

    private const string DenyRoleData = $$"""
        {"Sid": "NoDataForIllumina", "Effect": "Deny", "Principal": {"AWS": "{{RoleArn}}"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"}
        """;

    private const string VpcOnlyUser = $$"""
        {"Sid": "UseOnlyFromOurVpc", "Effect": "Allow", "Principal": {"AWS": "{{UserArn}}"}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*",
         "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"} } }
        """;

    private const string RoleFromOfficeIps = $$"""
        {"Sid": "Allow cross account access", "Effect": "Allow", "Principal": {"AWS": "{{RoleArn}}"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"} } }
        """;

    private const string AdminsOnly = $$"""
        {"Sid": "Key administrators", "Effect": "Allow", "Principal": {"AWS": "{{KeyAdmins}}"}, "Action": "kms:*", "Resource": "*"}
        """;

    private const string DenyIcaUser = $$"""
        {"Version": "2012-10-17", "Statement": [{"Sid": "NoIcaUser", "Effect": "Deny", "Principal": {"AWS": "{{UserArn}}"}, "Action": "s3:*",
          "Resource": ["arn:aws:s3:::{{Bucket}}", "arn:aws:s3:::{{Bucket}}/*"]}]}
        """;

    private const string RequireSseKms = $$"""
        {"Version": "2012-10-17", "Statement": [{"Sid": "DenyUnencryptedObjectUploads", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::{{Bucket}}/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"} } }]}
        """;

    private const string RequireTls = $$"""
        {"Version": "2012-10-17", "Statement": [{"Sid": "AllowSSLRequestsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
          "Resource": ["arn:aws:s3:::{{Bucket}}", "arn:aws:s3:::{{Bucket}}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"} } }]}
        """;

    private const string VpceOnlyBucket = $$"""
        {"Version": "2012-10-17", "Statement": [{"Sid": "AccessViaVpceOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
          "Resource": ["arn:aws:s3:::{{Bucket}}", "arn:aws:s3:::{{Bucket}}/*"], "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"} } }]}
        """;

    private static readonly KmsGrant UserGrant = new("grant-1", UserArn, ["Encrypt", "Decrypt", "GenerateDataKey"]);

    private static readonly KmsGrant RoleGrant = new("grant-2", RoleArn, ["Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey"]);

    private static readonly CheckCase[] Cases =
    [
        new("NotPrincipal deny: ICA's user", LiveCheckIds.KeyPolicyIam, CheckState.Fail, "'DenyAllButAdmins' of the key policy denies kms:Decrypt",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, CrossAccountStatement, DenyAllButAdmins)) }),
        new("NotPrincipal deny: ICA's role", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Fail, "'DenyAllButAdmins' of the key policy denies",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, CrossAccountStatement, DenyAllButAdmins)) }, CrossAccountInputs),
        new("deny for ICA's role on data actions", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Fail, "'NoDataForIllumina' of the key policy denies kms:Decrypt, kms:GenerateDataKey",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, CrossAccountStatement, DenyRoleData)) }, CrossAccountInputs),
        new("allow only from a VPC endpoint", LiveCheckIds.KeyPolicyIam, CheckState.Warning, "depends on aws:SourceVpce",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(AdminsOnly, VpcOnlyUser)) }),
        new("role allowed only from office IPs", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Warning, "depends on aws:SourceIp",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, RoleFromOfficeIps)) }, CrossAccountInputs),
        new("grant gives ICA's user the key", LiveCheckIds.KeyPolicyIam, CheckState.Pass, "grant grant-1",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(AdminsOnly)), Grants = Result<IReadOnlyList<KmsGrant>, AwsFailure>.Ok([UserGrant]) }),
        new("grant stands in for the IAM policy's KMS actions", LiveCheckIds.IamPolicy, CheckState.Pass, "allows every action",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(AdminsOnly)), Grants = Result<IReadOnlyList<KmsGrant>, AwsFailure>.Ok([UserGrant]), IamPolicies = ManagedPolicies(Version(IamPolicy().Replace("\"kms:", "\"none:", StringComparison.Ordinal))) }),
        new("no grant, no delegation: IAM's KMS actions are missing", LiveCheckIds.KeyPolicyIam, CheckState.Fail, "neither lets IAM policies grant the key",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(AdminsOnly)) }),
        new("grant gives ICA's role the key", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Pass, "grant grant-2",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement)), Grants = Result<IReadOnlyList<KmsGrant>, AwsFailure>.Ok([RoleGrant]) }, CrossAccountInputs),
        new("grants not readable", LiveCheckIds.KeyPolicyIam, CheckState.NotChecked, "Allow kms:ListGrants",
            Healthy() with { Grants = Result<IReadOnlyList<KmsGrant>, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.AccessDenied, "kms:ListGrants", KeyArn, "AccessDeniedException", "AccessDenied on kms:ListGrants.")) }),
        new("bucket policy: none", LiveCheckIds.BucketPolicy, CheckState.Pass, "no bucket policy", Healthy()),
        new("bucket policy: denies ICA's user", LiveCheckIds.BucketPolicy, CheckState.Fail, "'NoIcaUser' of the bucket policy denies",
            Healthy() with { BucketPolicy = Ok<string?>(DenyIcaUser) }),
        new("bucket policy: requires the SSE-KMS header", LiveCheckIds.BucketPolicy, CheckState.Pass, "'DenyUnencryptedObjectUploads' of the bucket policy refuses writes without the SSE-KMS header",
            Healthy() with { BucketPolicy = Ok<string?>(RequireSseKms) }),
        new("bucket policy: requires TLS", LiveCheckIds.BucketPolicy, CheckState.Pass, "denies ICA's user none",
            Healthy() with { BucketPolicy = Ok<string?>(RequireTls) }),
        new("bucket policy: only through a VPC endpoint", LiveCheckIds.BucketPolicy, CheckState.Warning, "depends on aws:SourceVpce",
            Healthy() with { BucketPolicy = Ok<string?>(VpceOnlyBucket) }),
        new("bucket policy: read refused", LiveCheckIds.BucketPolicy, CheckState.NotChecked, "Allow s3:GetBucketPolicy",
            Healthy() with { BucketPolicy = Failed<string?>(AwsFailureKind.AccessDenied, "s3:GetBucketPolicy", "AccessDenied on s3:GetBucketPolicy.") }),
        new("key ARN of another region: IAM policy judged", LiveCheckIds.IamPolicy, CheckState.Pass, "allows every action",
            WestKey(), Inputs with { KeyArn = WestKeyArn }),
    ];

    private const string WestKeyArn = $"arn:aws:kms:us-west-2:{Account}:key/{KeyId}";

    public static TheoryData<string> Names => CheckCase.NamesOf(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_GivesAwsVerdict_ForEachSituation(string name) => CheckCase.Verify(Cases, name);

    private static LiveSnapshot WestKey() => Healthy() with
    {
        Key = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", "Key not found."),
        IamPolicies = ManagedPolicies(Version(IamPolicy(keyArn: WestKeyArn))),
    };
}
