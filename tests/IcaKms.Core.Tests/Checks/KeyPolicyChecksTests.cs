using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public class KeyPolicyChecksTests
{
    private const string UserStatement = $$"""
        {"Sid": "ICA user", "Effect": "Allow", "Principal": {"AWS": ["{{UserArn}}"]}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}
        """;

    private const string AdminStatement = $$"""
        {"Sid": "Key administrators", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{Account}}:role/Admin"}, "Action": ["kms:Create*", "kms:Describe*", "kms:Put*"], "Resource": "*"}
        """;

    private static readonly CheckCase[] Cases =
    [
        new("iam: default root statement", LiveCheckIds.KeyPolicyIam, CheckState.Pass, $"'Enable IAM User Permissions' of the key policy allows the account root {RootArn}", Healthy()),
        new("iam: bare account principal", LiveCheckIds.KeyPolicyIam, CheckState.Pass, "account root",
            Healthy() with { KeyPolicy = Ok(KeyPolicy($$"""{"Effect": "Allow", "Principal": {"AWS": "{{Account}}"}, "Action": "kms:*", "Resource": "*"}""")) }),
        new("iam: user named", LiveCheckIds.KeyPolicyIam, CheckState.Pass, $"names {UserArn}",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(AdminStatement, UserStatement)) }),
        new("iam: neither", LiveCheckIds.KeyPolicyIam, CheckState.Fail, "neither lets IAM policies grant the key",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(AdminStatement)) }),
        new("iam: neither, fix names the statement", LiveCheckIds.KeyPolicyIam, CheckState.Fail, $$"""{"AWS": "{{RootArn}}"}""",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(AdminStatement)) }),
        new("iam: root with some actions", LiveCheckIds.KeyPolicyIam, CheckState.Fail, "does not allow kms:Encrypt, kms:GenerateDataKey",
            Healthy() with { KeyPolicy = Ok(KeyPolicy($$"""{"Effect": "Allow", "Principal": {"AWS": "{{RootArn}}"}, "Action": "kms:Decrypt", "Resource": "*"}""")) }),
        new("iam: any principal of the account (kms:CallerAccount is known)", LiveCheckIds.KeyPolicyIam, CheckState.Pass, "#1 of the key policy names",
            Healthy() with { KeyPolicy = Ok(KeyPolicy("""{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "123456789012"}}}""")) }),
        new("iam: denied", LiveCheckIds.KeyPolicyIam, CheckState.Fail, "denies kms:Decrypt",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, """{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}""")) }),
        new("iam: policy denied", LiveCheckIds.KeyPolicyIam, CheckState.NotChecked, "Allow kms:GetKeyPolicy",
            Healthy() with { KeyPolicy = Failed<string>(AwsFailureKind.AccessDenied, "kms:GetKeyPolicy", "AccessDenied on kms:GetKeyPolicy.") }),
        new("iam: not JSON", LiveCheckIds.KeyPolicyIam, CheckState.NotChecked, "not valid JSON", Healthy() with { KeyPolicy = Ok("{\"Statement\": [") }),
        new("cross-account: present", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Pass, $"'Allow cross account access' of the key policy allows {RoleArn}", Healthy(), CrossAccountInputs),
        new("cross-account: kms:* for the role", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Pass, "allows",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, $$"""{"Effect": "Allow", "Principal": {"AWS": ["{{RoleArn}}"]}, "Action": "kms:*", "Resource": "*"}""")) },
            CrossAccountInputs),
        new("cross-account: missing", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Fail, "no statement for ICA's role",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement)) }, CrossAccountInputs),
        new("cross-account: wrong principal", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Fail, "not ICA's role",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, CrossAccountStatement.Replace("ica_use1_crossacct", "ica_aps2_crossacct", StringComparison.Ordinal))) },
            CrossAccountInputs),
        new("cross-account: some actions", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Fail, "kms:ReEncrypt*, kms:GenerateDataKey* missing",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, $$"""{"Sid": "Allow cross account access", "Effect": "Allow", "Principal": {"AWS": "{{RoleArn}}"}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"], "Resource": "*"}""")) },
            CrossAccountInputs),
        new("cross-account: whole Illumina account", LiveCheckIds.KeyPolicyCrossAccount, CheckState.Warning, "the whole account 079623148045",
            Healthy() with { KeyPolicy = Ok(KeyPolicy(RootStatement, CrossAccountStatement.Replace(RoleArn, "arn:aws:iam::079623148045:root", StringComparison.Ordinal))) },
            CrossAccountInputs),
        new("cross-account: role not valid", LiveCheckIds.KeyPolicyCrossAccount, CheckState.NotChecked, "not valid", Healthy(),
            CrossAccountInputs with { CrossAccountRoleArn = "ica_use1_crossacct" }),
        new("cross-account: policy denied", LiveCheckIds.KeyPolicyCrossAccount, CheckState.NotChecked, "kms:GetKeyPolicy",
            Healthy() with { KeyPolicy = Failed<string>(AwsFailureKind.AccessDenied, "kms:GetKeyPolicy", "AccessDenied on kms:GetKeyPolicy.") }, CrossAccountInputs),
    ];

    public static TheoryData<string> Names => CheckCase.NamesOf(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_GivesTheVerdict_ForEachKeyPolicyFinding(string name) => CheckCase.Verify(Cases, name);

    [Fact]
    public void Evaluate_LeavesOutCrossAccount_WhenNotChosen()
    {
        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(Healthy(), Request());

        Assert.DoesNotContain(checks, c => c.Id == LiveCheckIds.KeyPolicyCrossAccount);
    }

    public static TheoryData<string> OddPolicies => new()
    {
        "",
        "null",
        "[]",
        "42",
        "{",
        "{}",
        """{"Statement": 5}""",
        """{"Statement": [1, "x", null, []]}""",
        """{"Statement": {"Effect": 1, "Principal": 2, "Action": {"a": 1}}}""",
        """{"Statement": [{"Effect": "Allow", "Principal": {"AWS": [1, null, "*"]}, "Action": [null, "kms:*"]}]}""",
        """{"Statement": [{"Effect": "Allow", "Principal": "*", "NotAction": "kms:ScheduleKeyDeletion"}]}""",
        """{"Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "kms:*"}]}""",
        """{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "x"}, "Action": "kms:*"}],}""",
        new string('[', 200) + new string(']', 200),
    };

    [Theory]
    [MemberData(nameof(OddPolicies))]
    public void Evaluate_NeverThrows_OnOddKeyPolicies(string policy)
    {
        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(Healthy() with { KeyPolicy = Ok(policy) }, Request(CrossAccountInputs));

        Assert.Contains(checks, c => c.Id == LiveCheckIds.KeyPolicyIam);
        Assert.Contains(checks, c => c.Id == LiveCheckIds.KeyPolicyCrossAccount);
    }
}
