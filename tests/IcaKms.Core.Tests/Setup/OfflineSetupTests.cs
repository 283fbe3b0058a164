using System.Text.Json.Nodes;
using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Documents;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Tests.Setup;

public class OfflineSetupTests
{
    internal const string Role = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

    internal static SetupInputs Valid => new()
    {
        AwsRegion = "ap-southeast-2",
        BucketName = Samples.Bucket,
        KeyArn = Samples.KeyArn,
        ConfigurationName = "acme-runs",
    };

    internal static OfflineSetup Script(SetupInputs inputs) => OfflineSetup.For(inputs, SetupValidation.Of(inputs));

    // The AWS CLI operations a block can run (its look, then its write), in order.
    private static string[] Operations(OfflineSetup setup) =>
        [.. setup.Commands.SelectMany(c => System.Text.RegularExpressions.Regex.Matches(c.CommandLine, @"\baws ([a-z0-9]+ [a-z0-9-]+)").Select(m => m.Groups[1].Value))];

    [Fact]
    public void NoPrefix_NoCrossAccount_IsBucketIamAndVerification_EachLookingFirst()
    {
        OfflineSetup setup = Script(Valid);

        Assert.True(setup.IsReady);
        Assert.False(setup.CreatesKey);
        Assert.Equal(
            [
                "s3api head-bucket", "s3api create-bucket", "s3api put-bucket-encryption", "s3api put-public-access-block", "s3api put-bucket-ownership-controls",
                "iam get-user", "iam create-user",
                "sts get-caller-identity", "iam get-policy", "iam get-policy", "iam get-policy-version", "iam list-policy-versions", "iam list-policy-versions",
                "iam delete-policy-version", "iam create-policy-version", "iam create-policy", "iam attach-user-policy",
                "s3api put-object", "s3api head-object", "s3api delete-object",
            ],
            Operations(setup));
        Assert.DoesNotContain(setup.Commands, c => c.CommandLine.Contains("$KEY_ARN", StringComparison.Ordinal));
    }

    [Fact]
    public void Prefix_CreatesTheFolderAfterTheBucketSettings_UnlessItExists()
    {
        OfflineSetup setup = Script(Valid with { KeyPrefix = "runs" });

        AwsCliCommand folder = setup.CommandsOf(SetupPart.Bucket)[^1];
        Assert.StartsWith("if aws s3api head-object", folder.CommandLine, StringComparison.Ordinal);
        Assert.Contains("--key runs/ ", folder.CommandLine, StringComparison.Ordinal);
        Assert.Contains("--key runs/icakms-verification.txt", setup.Commands[^3].CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossAccount_MergesWithJq_WithoutBypassingTheLockoutCheck()
    {
        OfflineSetup setup = Script(Valid with { CrossAccountCopy = true, CrossAccountRoleArn = Role });

        string merge = Assert.Single(setup.CommandsOf(SetupPart.KeyPolicy)).CommandLine;
        Assert.Contains("jq -c --argjson statement", merge, StringComparison.Ordinal);
        Assert.Contains(Role, merge, StringComparison.Ordinal);
        Assert.Contains("-gt 32768", merge, StringComparison.Ordinal);
        Assert.Contains("!= CUSTOMER", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("bypass", merge, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("file://", merge, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossAccount_WithoutAValidRole_IsNotReady()
    {
        OfflineSetup setup = Script(Valid with { CrossAccountCopy = true });

        Assert.False(setup.IsReady);
        Assert.Empty(setup.Commands);
        Assert.Single(setup.Missing);
    }

    [Fact]
    public void InvalidKey_CreatesTheKeyUnlessItsAliasExists_AndNamesTheNewKeyEverywhere()
    {
        OfflineSetup setup = Script(Valid with { KeyArn = "alias/my-key", CrossAccountCopy = true, CrossAccountRoleArn = Role });

        Assert.True(setup.CreatesKey);
        string key = Assert.Single(setup.CommandsOf(SetupPart.Key)).CommandLine;
        Assert.StartsWith("if [ -n \"$(aws kms list-aliases", key, StringComparison.Ordinal);
        Assert.True(key.IndexOf("list-aliases", StringComparison.Ordinal) < key.IndexOf("create-key", StringComparison.Ordinal));
        Assert.Contains("--alias-name alias/ica-acme-genomics-ica", key, StringComparison.Ordinal);
        Assert.All(setup.Commands.Skip(1).Where(c => c.CommandLine.Contains("kms-key-id", StringComparison.Ordinal) || c.CommandLine.Contains("--key-id", StringComparison.Ordinal)),
            c => Assert.Contains("\"$KEY_ARN\"", c.CommandLine, StringComparison.Ordinal));
        Assert.DoesNotContain(setup.Commands, c => c.CommandLine.Contains(IcaIamPolicy.KeyPlaceholder, StringComparison.Ordinal) || c.CommandLine.Contains('\u0001'));
    }

    [Fact]
    public void ValidKey_PolicyIsTheZipsPolicy()
    {
        SetupInputs inputs = Valid with { KeyPrefix = "runs", ScopeObjectsToPrefix = true, Variant = PolicyVariant.Versioned };

        string block = Assert.Single(Script(inputs).CommandsOf(SetupPart.Iam), c => c.CommandLine.Contains("create-policy ", StringComparison.Ordinal)).CommandLine;
        string assignment = block.Split('\n').Single(l => l.StartsWith("POLICY_DOCUMENT=", StringComparison.Ordinal));
        string json = BashHarness.Argv($"aws x {assignment["POLICY_DOCUMENT=".Length..]}")[^1];
        string expected = SetupDocuments.Create(inputs, SetupValidation.Of(inputs)).IamPolicy;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json)));
    }

    [Fact]
    public void ExistingPolicyArn_AddsAVersionOnlyWhenItDiffers_AndNamedUserIsUsed()
    {
        const string policyArn = "arn:aws:iam::123456789012:policy/ica-existing";
        OfflineSetup setup = Script(Valid with { PolicyArn = policyArn, IamUserName = "ica-runner" });

        string[] operations = Operations(setup);
        Assert.Contains("iam create-policy-version", operations);
        Assert.DoesNotContain("iam create-policy", operations);
        Assert.Contains($"--user-name ica-runner --policy-arn {policyArn}", setup.Commands.Single(c => c.CommandLine.Contains("attach-user-policy", StringComparison.Ordinal)).CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidBucket_IsNotReady()
    {
        OfflineSetup setup = Script(Valid with { BucketName = "Bad_Bucket" });

        Assert.False(setup.IsReady);
        Assert.Empty(setup.Commands);
    }

    [Fact]
    public void ToBash_SaysWhatItChangesAndNeeds_ChecksForItsTools_AndParses()
    {
        OfflineSetup setup = Script(Valid with { KeyArn = "", CrossAccountCopy = true, CrossAccountRoleArn = Role, KeyPrefix = "it's $(x)" });
        string bash = setup.ToBash();

        Assert.Contains("set -euo pipefail", bash, StringComparison.Ordinal);
        Assert.Contains("command -v jq", bash, StringComparison.Ordinal);
        Assert.Contains("command -v aws", bash, StringComparison.Ordinal);
        Assert.Contains("#   kms:PutKeyPolicy\n", bash, StringComparison.Ordinal);
        Assert.Contains("#   - Create the bucket acme-genomics-ica in ap-southeast-2\n", bash, StringComparison.Ordinal);
        Assert.True(bash.IndexOf("kms put-key-policy", StringComparison.Ordinal) < bash.IndexOf("Verify:", StringComparison.Ordinal));
        Assert.True(BashHarness.Parses(bash));
    }
}
