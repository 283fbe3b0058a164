using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using static IcaKms.Core.Tests.Checks.Live;

namespace IcaKms.Core.Tests.Checks;

public class KeyChecksTests
{
    private const string WestKeyArn = $"arn:aws:kms:us-west-2:{Account}:key/{KeyId}";

    private static readonly LiveSnapshot WestKeyNotFound = Healthy() with
    {
        Key = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", $"Invalid arn us-west-2: the key is not in {Region}"),
        KeyPolicy = Failed<string>(AwsFailureKind.NotFound, "kms:DescribeKey", $"Invalid arn us-west-2: the key is not in {Region}"),
    };

    private static readonly CheckCase[] Cases =
    [
        new("resolves: key ARN typed", LiveCheckIds.KeyResolves, CheckState.Pass, "full ARN", Healthy()),
        new("resolves: alias typed", LiveCheckIds.KeyResolves, CheckState.Fail, $"Enter {KeyArn} in step 1", Healthy(), Inputs with { KeyArn = "alias/ica" }),
        new("resolves: key id typed", LiveCheckIds.KeyResolves, CheckState.Fail, $"resolves to {KeyArn}", Healthy(), Inputs with { KeyArn = KeyId }),
        new("resolves: no such key", LiveCheckIds.KeyResolves, CheckState.Fail, "KMS finds no key",
            Healthy() with { Key = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", "Key not found.") }),
        new("resolves: denied", LiveCheckIds.KeyResolves, CheckState.NotChecked, "Allow kms:DescribeKey",
            Healthy() with { Key = Failed<KmsKeyDescription>(AwsFailureKind.AccessDenied, "kms:DescribeKey", "AccessDenied on kms:DescribeKey.") }),
        new("resolves: nothing typed", LiveCheckIds.KeyResolves, CheckState.NotChecked, "No KMS key given", Healthy(), Inputs with { KeyArn = " " }),
        new("region: same", LiveCheckIds.KeyRegion, CheckState.Pass, "in us-east-1", Healthy()),
        new("region: multi-Region replica", LiveCheckIds.KeyRegion, CheckState.Pass, "multi-Region", Healthy() with { Key = Ok(Key with { MultiRegion = true }) }),
        new("region: other", LiveCheckIds.KeyRegion, CheckState.Fail, "The key is in eu-west-2",
            Healthy() with { Key = Ok(Key with { Region = "eu-west-2" }) }),
        new("region: key missing", LiveCheckIds.KeyRegion, CheckState.NotChecked, "finds no key",
            Healthy() with { Key = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", "Key not found.") }),
        new("region: key ARN of another region", LiveCheckIds.KeyRegion, CheckState.Fail, "The key is in us-west-2, the ICA region is us-east-1",
            WestKeyNotFound, Inputs with { KeyArn = WestKeyArn }),
        new("resolves: key ARN of another region", LiveCheckIds.KeyResolves, CheckState.Pass, $"{WestKeyArn} is a full key ARN, as ICA's Key Name and the IAM policy need. Whether the key exists was not checked",
            WestKeyNotFound, Inputs with { KeyArn = WestKeyArn }),
        new("state: key ARN of another region", LiveCheckIds.KeyState, CheckState.NotChecked, "is a key ARN in us-west-2",
            WestKeyNotFound, Inputs with { KeyArn = WestKeyArn }),
        new("spec: symmetric", LiveCheckIds.KeySpec, CheckState.Pass, "SYMMETRIC_DEFAULT", Healthy()),
        new("spec: RSA", LiveCheckIds.KeySpec, CheckState.Fail, "RSA_2048",
            Healthy() with { Key = Ok(Key with { KeySpec = "RSA_2048", KeyUsage = "SIGN_VERIFY" }) }),
        new("spec: HMAC", LiveCheckIds.KeySpec, CheckState.Fail, "GENERATE_VERIFY_MAC",
            Healthy() with { Key = Ok(Key with { KeySpec = "HMAC_256", KeyUsage = "GENERATE_VERIFY_MAC" }) }),
        new("state: enabled", LiveCheckIds.KeyState, CheckState.Pass, "enabled", Healthy()),
        new("state: disabled", LiveCheckIds.KeyState, CheckState.Fail, "aws kms enable-key",
            Healthy() with { Key = Ok(Key with { KeyState = "Disabled" }) }),
        new("state: pending deletion", LiveCheckIds.KeyState, CheckState.Fail, "pending deletion on 2026-03-01 12:00 UTC",
            Healthy() with { Key = Ok(Key with { KeyState = "PendingDeletion", DeletionDate = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero) }) }),
        new("state: pending import", LiveCheckIds.KeyState, CheckState.Fail, "key material",
            Healthy() with { Key = Ok(Key with { KeyState = "PendingImport" }) }),
        new("state: unavailable", LiveCheckIds.KeyState, CheckState.Fail, "Unavailable",
            Healthy() with { Key = Ok(Key with { KeyState = "Unavailable" }) }),
        new("manager: customer", LiveCheckIds.KeyManager, CheckState.Pass, "customer managed", Healthy()),
        new("manager: AWS", LiveCheckIds.KeyManager, CheckState.Fail, "cannot be used across accounts",
            Healthy() with { Key = Ok(Key with { KeyManager = "AWS" }) }),
        new("manager: call failed", LiveCheckIds.KeyManager, CheckState.NotChecked, "Connect again",
            Healthy() with { Key = Failed<KmsKeyDescription>(AwsFailureKind.InvalidCredentials, "kms:DescribeKey", "The security token has expired.") }),
    ];

    public static TheoryData<string> Names => CheckCase.NamesOf(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_GivesTheVerdict_ForEachKeyFinding(string name) => CheckCase.Verify(Cases, name);
}

public class KeyElsewhereTests
{
    [Fact]
    public void Evaluate_NeverSaysTheKeyDoesNotExist_WhenItIsAKeyArnOfAnotherRegion()
    {
        const string westKeyArn = $"arn:aws:kms:us-west-2:{Account}:key/{KeyId}";
        Result<KmsKeyDescription, AwsFailure> notFound = Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", "Invalid arn us-west-2");
        LiveSnapshot snapshot = Healthy() with { Key = notFound, KeyPolicy = Failed<string>(AwsFailureKind.NotFound, "kms:DescribeKey", "Invalid arn us-west-2") };

        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(snapshot, Request(CrossAccountInputs with { KeyArn = westKeyArn }));

        Assert.All(checks, c => Assert.DoesNotContain("finds no key", c.Finding, StringComparison.Ordinal));
        string[] keyIds = [LiveCheckIds.KeySpec, LiveCheckIds.KeyState, LiveCheckIds.KeyManager, LiveCheckIds.KeyPolicyIam, LiveCheckIds.KeyPolicyCrossAccount];
        Assert.Single(checks.Where(c => keyIds.Contains(c.Id)).Select(c => c.Finding).Distinct());
    }
}
