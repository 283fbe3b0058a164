using System.Text.Json.Nodes;
using IcaKms.Core.Policies;
using IcaKms.Core.Documents;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Tests.Setup;

public class AwsCliCommandsTests
{
    private const string Region = "ap-southeast-2";
    private const string PolicyArn = "arn:aws:iam::123456789012:policy/ica-sse-kms-acme-genomics-ica";
    private static readonly CliArn Key = CliArn.Of(Samples.KeyArn);

    [Fact]
    public void CreateKey_IsSymmetricAndCapturesTheArn()
    {
        AwsCliCommand command = KmsCliCommands.CreateKey(Region, "ICA key");

        Assert.Equal(
            "KEY_ARN=$(aws kms create-key --region ap-southeast-2 --key-spec SYMMETRIC_DEFAULT --key-usage ENCRYPT_DECRYPT --description 'ICA key' --query KeyMetadata.Arn --output text)",
            command.CommandLine);
    }

    [Fact]
    public void CreateAlias_TargetsTheKeyArnOrTheCapturedVariable()
    {
        Assert.Equal(
            $"aws kms create-alias --region ap-southeast-2 --alias-name alias/ica-acme --target-key-id {Samples.KeyArn}",
            KmsCliCommands.CreateAlias(Region, "alias/ica-acme", Key).CommandLine);
        Assert.Equal(
            "aws kms create-alias --region ap-southeast-2 --alias-name alias/ica-acme --target-key-id \"$KEY_ARN\"",
            KmsCliCommands.CreateAlias(Region, "alias/ica-acme", CliArn.CreatedKey).CommandLine);
    }

    [Fact]
    public void CreateBucket_HasNoLocationConstraint_InUsEast1()
    {
        Assert.Equal("aws s3api create-bucket --region us-east-1 --bucket acme-genomics-ica", S3CliCommands.CreateBucket("us-east-1", Samples.Bucket).CommandLine);
    }

    [Fact]
    public void CreateBucket_NamesTheRegion_Elsewhere()
    {
        Assert.Equal(
            "aws s3api create-bucket --region eu-west-2 --bucket acme-genomics-ica --create-bucket-configuration '{\"LocationConstraint\":\"eu-west-2\"}'",
            S3CliCommands.CreateBucket("eu-west-2", Samples.Bucket).CommandLine);
    }

    [Fact]
    public void PutBucketEncryption_IsSseKmsWithFullKeyArnAndBucketKey()
    {
        Assert.Equal(
            "aws s3api put-bucket-encryption --region ap-southeast-2 --bucket acme-genomics-ica --server-side-encryption-configuration "
            + $"'{{\"Rules\":[{{\"ApplyServerSideEncryptionByDefault\":{{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"{Samples.KeyArn}\"}},\"BucketKeyEnabled\":true}}]}}'",
            S3CliCommands.PutBucketEncryption(Region, Samples.Bucket, Key, []).CommandLine);
    }

    [Fact]
    public void PutBucketEncryption_KeepsBlockedEncryptionTypes()
    {
        string line = S3CliCommands.PutBucketEncryption(Region, Samples.Bucket, Key, ["SSE-C"]).CommandLine;

        JsonNode rule = JsonNode.Parse(BashHarness.ValueOf(BashHarness.Argv(line), "--server-side-encryption-configuration"))!["Rules"]![0]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"EncryptionType":["SSE-C"]}"""), rule["BlockedEncryptionTypes"]));
        Assert.True(rule["BucketKeyEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void PutBucketEncryption_SplicesTheCapturedKey_IntoTheJson()
    {
        string line = S3CliCommands.PutBucketEncryption(Region, Samples.Bucket, CliArn.CreatedKey, []).CommandLine;

        IReadOnlyList<string> argv = BashHarness.Argv($"KEY_ARN={BashHarness.CapturedOutput}\n{line}");
        JsonNode json = JsonNode.Parse(BashHarness.ValueOf(argv, "--server-side-encryption-configuration"))!;
        Assert.Equal(BashHarness.CapturedOutput, json["Rules"]![0]!["ApplyServerSideEncryptionByDefault"]!["KMSMasterKeyID"]!.GetValue<string>());
    }

    [Fact]
    public void PublicAccessBlockAndOwnership_AreExact()
    {
        Assert.Equal(
            "aws s3api put-public-access-block --region ap-southeast-2 --bucket acme-genomics-ica --public-access-block-configuration "
            + "'{\"BlockPublicAcls\":true,\"IgnorePublicAcls\":true,\"BlockPublicPolicy\":true,\"RestrictPublicBuckets\":true}'",
            S3CliCommands.PutPublicAccessBlock(Region, Samples.Bucket).CommandLine);
        Assert.Equal(
            "aws s3api put-bucket-ownership-controls --region ap-southeast-2 --bucket acme-genomics-ica --ownership-controls '{\"Rules\":[{\"ObjectOwnership\":\"BucketOwnerEnforced\"}]}'",
            S3CliCommands.PutBucketOwnershipControls(Region, Samples.Bucket).CommandLine);
    }

    [Fact]
    public void CreatePrefixFolder_IsEncryptedWithTheKey()
    {
        Assert.Equal(
            $"aws s3api put-object --region ap-southeast-2 --bucket acme-genomics-ica --key runs/ --server-side-encryption aws:kms --ssekms-key-id {Samples.KeyArn}",
            S3CliCommands.CreatePrefixFolder(Region, Samples.Bucket, "runs/", Key).CommandLine);
    }

    [Fact]
    public void IamCommands_AreExact()
    {
        CliArn policy = CliArn.Of(PolicyArn);
        Assert.Equal("aws iam create-user --region ap-southeast-2 --user-name ica-user", IamCliCommands.CreateUser(Region, "ica-user").CommandLine);
        Assert.Equal(
            "POLICY_ARN=$(aws iam create-policy --region ap-southeast-2 --policy-name ica-sse-kms-acme-genomics-ica --policy-document file://iam-policy.json --query Policy.Arn --output text)",
            IamCliCommands.CreatePolicyFromFile(Region, "ica-sse-kms-acme-genomics-ica").CommandLine);
        Assert.Equal(
            $"aws iam create-policy-version --region ap-southeast-2 --policy-arn {PolicyArn} --policy-document file://iam-policy.json --set-as-default",
            IamCliCommands.CreatePolicyVersionFromFile(Region, policy).CommandLine);
        Assert.Equal(
            $"aws iam delete-policy-version --region ap-southeast-2 --policy-arn {PolicyArn} --version-id v1",
            IamCliCommands.DeletePolicyVersion(Region, policy, "v1").CommandLine);
        Assert.Equal(
            "aws iam attach-user-policy --region ap-southeast-2 --user-name ica-user --policy-arn \"$POLICY_ARN\"",
            IamCliCommands.AttachUserPolicy(Region, "ica-user", CliArn.CreatedPolicy).CommandLine);
    }

    [Fact]
    public void CreatePolicyFromFile_NamesTheZipsFile()
    {
        Assert.Contains($"file://{SetupFileNames.IamPolicy}", IamCliCommands.CreatePolicyFromFile(Region, "p").CommandLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PolicyVariant.Unversioned, false)]
    [InlineData(PolicyVariant.Versioned, true)]
    public void InlinePolicyJson_ParsesBackToTheGeneratedPolicy(PolicyVariant variant, bool scope)
    {
        var inputs = new SetupInputs
        {
            AwsRegion = Region,
            BucketName = Samples.Bucket,
            KeyArn = Samples.KeyArn,
            KeyPrefix = "runs",
            Variant = variant,
            ScopeObjectsToPrefix = scope,
        };
        SetupDocuments documents = SetupDocuments.Create(inputs, SetupValidation.Of(inputs));
        PolicyDocument policy = documents.Content.IamPolicy();

        string create = IamCliCommands.CreatePolicy(Region, "p", policy).CommandLine;
        string version = IamCliCommands.CreatePolicyVersion(Region, CliArn.Of(PolicyArn), policy).CommandLine;

        foreach (string line in new[] { create, version })
        {
            string json = BashHarness.ValueOf(BashHarness.Run(line)[0], "--policy-document");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(documents.IamPolicy), JsonNode.Parse(json)), json);
        }
    }

    [Fact]
    public void Verify_WritesHeadsAndDeletes()
    {
        IReadOnlyList<AwsCliCommand> commands = S3CliCommands.Verify(Region, Samples.Bucket, "runs/", Key, versioned: false);

        Assert.Equal(
            [
                $"aws s3api put-object --region ap-southeast-2 --bucket acme-genomics-ica --key runs/icakms-verification.txt --server-side-encryption aws:kms --ssekms-key-id {Samples.KeyArn}",
                "aws s3api head-object --region ap-southeast-2 --bucket acme-genomics-ica --key runs/icakms-verification.txt --query '{ServerSideEncryption: ServerSideEncryption, SSEKMSKeyId: SSEKMSKeyId}'",
                "aws s3api delete-object --region ap-southeast-2 --bucket acme-genomics-ica --key runs/icakms-verification.txt",
            ],
            commands.Select(c => c.CommandLine));
    }

    [Fact]
    public void Verify_OnAVersionedBucket_DeletesTheVersionItWrote()
    {
        IReadOnlyList<AwsCliCommand> commands = S3CliCommands.Verify(Region, Samples.Bucket, "runs/", Key, versioned: true);

        IReadOnlyList<IReadOnlyList<string>> calls = BashHarness.Run(string.Join('\n', commands.Select(c => c.CommandLine)));
        Assert.Equal("VersionId || 'null'", BashHarness.ValueOf(calls[0], "--query"));
        Assert.Equal(BashHarness.CapturedOutput, BashHarness.ValueOf(calls[2], "--version-id"));
    }

    [Theory]
    [InlineData("it's the key")]
    [InlineData("$(touch pwned) and `touch pwned` and $HOME")]
    [InlineData("line one\nline two'\n; touch pwned")]
    [InlineData("'")]
    [InlineData("--description-like")]
    [InlineData("")]
    public void HostileDescription_ReachesTheCliAsOneArgument(string description)
    {
        string dir = Directory.CreateTempSubdirectory("icakms-bash-").FullName;
        AwsCliCommand command = KmsCliCommands.CreateKey(Region, description);

        IReadOnlyList<string> argv = BashHarness.Argv(command.CommandLine, dir);

        string expected = description.StartsWith('-') ? $"--description={description}" : description;
        Assert.Contains(expected, argv);
        Assert.Equal(["kms", "create-key", "--region", Region], argv.Take(4));
        Assert.False(File.Exists(Path.Combine(dir, "pwned")));
        Assert.True(BashHarness.Parses(command.ToScript()));
    }

    [Fact]
    public void HostilePrefix_ReachesTheCliAsOneArgument()
    {
        const string prefix = "it's $(touch pwned) `id`/";
        string dir = Directory.CreateTempSubdirectory("icakms-bash-").FullName;

        IReadOnlyList<string> argv = BashHarness.Argv(S3CliCommands.CreatePrefixFolder(Region, Samples.Bucket, prefix, Key).CommandLine, dir);

        Assert.Equal(prefix, BashHarness.ValueOf(argv, "--key"));
        Assert.False(File.Exists(Path.Combine(dir, "pwned")));
    }

    [Fact]
    public void Comment_CannotEndItsBashCommentLine()
    {
        var command = new AwsCliCommand("folder a\ntouch pwned", "true");

        Assert.Equal("# folder a touch pwned\ntrue", command.ToScript());
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://example.com/x")]
    public void Description_TheCliWouldReadAsAFile_IsRefused(string description)
    {
        Assert.Throws<ArgumentException>(() => KmsCliCommands.CreateKey(Region, description));
    }

    [Fact]
    public void RawInput_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => S3CliCommands.CreateBucket(Region, "Not_A_Bucket"));
        Assert.Throws<ArgumentException>(() => S3CliCommands.CreateBucket("mars-east-1", Samples.Bucket));
        Assert.Throws<ArgumentException>(() => S3CliCommands.CreatePrefixFolder(Region, Samples.Bucket, "runs", Key));
        Assert.Throws<ArgumentException>(() => S3CliCommands.PutBucketEncryption("us-east-1", Samples.Bucket, Key, []));
        Assert.Throws<ArgumentException>(() => KmsCliCommands.CreateAlias(Region, "alias/aws/s3", Key));
        Assert.Throws<ArgumentException>(() => IamCliCommands.CreateUser(Region, "two words"));
        Assert.Throws<ArgumentException>(() => IamCliCommands.DeletePolicyVersion(Region, CliArn.Of(PolicyArn), "v0"));
    }

    [Fact]
    public void NoCommand_EverBypassesTheLockoutSafetyCheck()
    {
        IEnumerable<AwsCliCommand> all =
        [
            .. OfflineSetupTests.Script(OfflineSetupTests.Valid with { CrossAccountCopy = true, CrossAccountRoleArn = OfflineSetupTests.Role }).Commands,
            .. OfflineSetupTests.Script(OfflineSetupTests.Valid with { KeyArn = "", CrossAccountCopy = true, CrossAccountRoleArn = OfflineSetupTests.Role }).Commands,
        ];

        Assert.All(all, c => Assert.DoesNotContain("bypass", c.CommandLine, StringComparison.OrdinalIgnoreCase));
    }
}
