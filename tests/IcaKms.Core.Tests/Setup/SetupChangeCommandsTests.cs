using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Documents;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;
using IcaKms.Core.Tests.Checks;

namespace IcaKms.Core.Tests.Setup;

public class SetupChangeCommandsTests
{
    private static readonly PolicyDocument Policy = IcaIamPolicy.Create(Live.Bucket, Live.KeyArn, PolicyVariant.Unversioned);

    public static TheoryData<SetupChange, string> EveryChange => new()
    {
        { new CreateKeyChange(Live.Region, "alias/ica-lab-ica-data", "ICA key"), "kms create-key" },
        { new CreateBucketChange(Live.Bucket, Live.Region), "s3api create-bucket" },
        { new SetDefaultEncryptionChange(Live.Bucket, Live.KeyArn, ["SSE-C"]), "s3api put-bucket-encryption" },
        { new BlockPublicAccessChange(Live.Bucket), "s3api put-public-access-block" },
        { new EnforceBucketOwnerChange(Live.Bucket), "s3api put-bucket-ownership-controls" },
        { new CreatePrefixFolderChange(Live.Bucket, Live.Prefix, Live.KeyArn), "s3api put-object" },
        { new CreateIamUserChange(Live.User), "iam create-user" },
        { new CreateIamPolicyChange("ica-sse-kms-lab-ica-data", Live.PolicyArn, Policy), "iam create-policy" },
        { new DeletePolicyVersionChange(Live.PolicyArn, "v2"), "iam delete-policy-version" },
        { new AddPolicyVersionChange(Live.PolicyArn, Policy), "iam create-policy-version" },
        { new AttachPolicyChange(Live.User, Live.PolicyArn), "iam attach-user-policy" },
        { new MergeKeyPolicyChange(Live.KeyArn, Live.RoleArn), "kms put-key-policy" },
    };

    [Theory]
    [MemberData(nameof(EveryChange))]
    public void For_GivesTheCliCommandOfEveryChange(SetupChange change, string command)
    {
        IReadOnlyList<ShellCommand> commands = SetupChangeCommands.For(change, Live.Region);

        Assert.Contains(commands, c => c.CommandLine.Contains("aws " + command, StringComparison.Ordinal));
        Assert.All(commands, c => Assert.DoesNotContain("bypass", c.CommandLine, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void KeyPlanner_NamesTheKeyAfterTheBucket_InTheIcaRegion()
    {
        SetupPlan plan = KeyPlanner.Plan(Live.Request(Live.Inputs with { KeyArn = "" }));

        var change = Assert.IsType<CreateKeyChange>(Assert.Single(plan.Changes));
        Assert.Equal(Live.Region, change.Region);
        Assert.Equal("alias/ica-lab-ica-data", change.Alias);
    }
}

public class OfflineSetupPartsTests
{
    [Fact]
    public void CommandsOf_SplitsTheScriptByPart_InOrder()
    {
        SetupInputs inputs = Live.CrossAccountInputs;
        OfflineSetup setup = OfflineSetup.For(inputs, SetupValidation.Of(inputs));

        Assert.Contains("aws s3api create-bucket", setup.CommandsOf(SetupPart.Bucket)[0].CommandLine, StringComparison.Ordinal);
        Assert.All(setup.CommandsOf(SetupPart.Iam), c => Assert.Contains("aws iam ", c.CommandLine, StringComparison.Ordinal));
        Assert.Contains("aws kms put-key-policy", Assert.Single(setup.CommandsOf(SetupPart.KeyPolicy)).CommandLine, StringComparison.Ordinal);
        Assert.NotEmpty(setup.CommandsOf(SetupPart.Verification));
        Assert.Equal(setup.Commands.Count, Enum.GetValues<SetupPart>().Sum(p => setup.CommandsOf(p).Count));
    }
}
