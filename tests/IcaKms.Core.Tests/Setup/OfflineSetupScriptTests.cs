using System.Text.Json.Nodes;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Setup;

public class OfflineSetupScriptTests
{
    internal const string Role = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

    internal static SetupInputs Valid => new()
    {
        AwsRegion = "ap-southeast-2",
        BucketName = Samples.Bucket,
        KeyArn = Samples.KeyArn,
        ConfigurationName = "acme-runs",
    };

    internal static OfflineSetupScript Script(SetupInputs inputs) => OfflineSetupScript.For(inputs, SetupValidation.Of(inputs));

    private static string[] Operations(OfflineSetupScript script) =>
        [.. script.Commands.Select(c => string.Join(' ', c.CommandLine[c.CommandLine.IndexOf("aws ", StringComparison.Ordinal)..].Split(' ').Skip(1).Take(2)))];

    private static readonly string[] Bucket = ["s3api create-bucket", "s3api put-public-access-block", "s3api put-bucket-ownership-controls", "s3api put-bucket-encryption"];

    private static readonly string[] Iam = ["iam create-user", "iam create-policy", "iam attach-user-policy"];

    private static readonly string[] Verify = ["s3api put-object", "s3api head-object", "s3api delete-object"];

    [Fact]
    public void NoPrefix_NoCrossAccount_IsBucketIamAndVerification()
    {
        OfflineSetupScript script = Script(Valid);

        Assert.True(script.IsReady);
        Assert.False(script.CreatesKey);
        Assert.Equal([.. Bucket, .. Iam, .. Verify], Operations(script));
        Assert.DoesNotContain(script.Commands, c => c.CommandLine.Contains("$KEY_ARN", StringComparison.Ordinal));
    }

    [Fact]
    public void Prefix_CreatesTheFolderAfterTheEncryption()
    {
        OfflineSetupScript script = Script(Valid with { KeyPrefix = "runs" });

        Assert.Equal([.. Bucket, "s3api put-object", .. Iam, .. Verify], Operations(script));
        Assert.Contains("--key runs/ ", script.Commands[4].CommandLine, StringComparison.Ordinal);
        Assert.Contains("--key runs/icakms-verification.txt", script.Commands[^3].CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossAccount_AddsTheKeyPolicyBeforeTheVerification()
    {
        OfflineSetupScript script = Script(Valid with { CrossAccountCopy = true, CrossAccountRoleArn = Role });

        Assert.Equal([.. Bucket, .. Iam, "kms get-key-policy", "kms put-key-policy", .. Verify], Operations(script));
    }

    [Fact]
    public void CrossAccount_WithoutAValidRole_IsNotReady()
    {
        OfflineSetupScript script = Script(Valid with { CrossAccountCopy = true });

        Assert.False(script.IsReady);
        Assert.Empty(script.Commands);
        Assert.Single(script.Missing);
    }

    [Fact]
    public void InvalidKey_OffersKeyCreation_AndNamesTheNewKeyEverywhere()
    {
        OfflineSetupScript script = Script(Valid with { KeyArn = "alias/my-key", CrossAccountCopy = true, CrossAccountRoleArn = Role });

        Assert.True(script.CreatesKey);
        Assert.Equal(["kms create-key", "kms create-alias", .. Bucket, .. Iam, "kms get-key-policy", "kms put-key-policy", .. Verify], Operations(script));
        Assert.StartsWith("Option", script.Commands[0].Comment, StringComparison.Ordinal);
        Assert.Contains("--alias-name alias/ica-acme-genomics-ica", script.Commands[1].CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(script.Commands, c => c.CommandLine.Contains(IcaIamPolicy.KeyPlaceholder, StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidKey_TheWholeScriptRuns_AndTheNewKeyReachesEveryDocument()
    {
        OfflineSetupScript script = Script(Valid with { KeyArn = "", KeyPrefix = "runs" });

        IReadOnlyList<IReadOnlyList<string>> calls = BashHarness.Run(script.ToBash());

        Assert.Equal(script.Commands.Count, calls.Count);
        IReadOnlyList<string> policy = calls.Single(c => c[1] == "create-policy");
        JsonNode document = JsonNode.Parse(BashHarness.ValueOf(policy, "--policy-document"))!;
        Assert.Equal(BashHarness.CapturedOutput, document["Statement"]![0]!["Resource"]![0]!.GetValue<string>());
        Assert.All(calls.Where(c => c.Contains("--ssekms-key-id")), c => Assert.Equal(BashHarness.CapturedOutput, BashHarness.ValueOf(c, "--ssekms-key-id")));
    }

    [Fact]
    public void ValidKey_PolicyIsTheZipsPolicy()
    {
        SetupInputs inputs = Valid with { KeyPrefix = "runs", ScopeObjectsToPrefix = true, Variant = PolicyVariant.Versioned };

        IReadOnlyList<IReadOnlyList<string>> calls = BashHarness.Run(Script(inputs).ToBash());

        string json = BashHarness.ValueOf(calls.Single(c => c[1] == "create-policy"), "--policy-document");
        string expected = SetupDocuments.Create(inputs, SetupValidation.Of(inputs)).IamPolicy;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json)));
    }

    [Fact]
    public void ExistingPolicyArn_AddsAVersion_AndNamedUserIsUsed()
    {
        const string policyArn = "arn:aws:iam::123456789012:policy/ica-existing";
        OfflineSetupScript script = Script(Valid with { PolicyArn = policyArn, IamUserName = "ica-runner" });

        string[] operations = Operations(script);
        Assert.Contains("iam create-policy-version", operations);
        Assert.DoesNotContain("iam create-policy", operations);
        Assert.Contains($"--user-name ica-runner --policy-arn {policyArn}", script.Commands.Single(c => c.CommandLine.Contains("attach-user-policy", StringComparison.Ordinal)).CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidBucket_IsNotReady()
    {
        OfflineSetupScript script = Script(Valid with { BucketName = "Bad_Bucket" });

        Assert.False(script.IsReady);
        Assert.Empty(script.Commands);
    }

    [Fact]
    public void ToBash_StopsOnTheFirstFailure_AndParses()
    {
        string bash = Script(Valid with { KeyArn = "", CrossAccountCopy = true, CrossAccountRoleArn = Role, KeyPrefix = "it's $(x)" }).ToBash();

        Assert.Contains("set -euo pipefail", bash, StringComparison.Ordinal);
        Assert.True(BashHarness.Parses(bash));
    }
}
