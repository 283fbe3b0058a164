using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
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
        IReadOnlyList<AwsCliCommand> commands = SetupChangeCommands.For(change, Live.Region);

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

public class OfflineSetupScriptStepsTests
{
    [Fact]
    public void CommandsOf_SplitsTheScriptByStep_InOrder()
    {
        SetupInputs inputs = Live.CrossAccountInputs;
        OfflineSetupScript script = OfflineSetupScript.For(inputs, SetupValidation.Of(inputs));

        Assert.Contains("aws s3api create-bucket", script.CommandsOf(WizardStep.Bucket)[0].CommandLine, StringComparison.Ordinal);
        Assert.All(script.CommandsOf(WizardStep.IamPolicy), c => Assert.Contains("aws iam ", c.CommandLine, StringComparison.Ordinal));
        Assert.Equal(2, script.CommandsOf(WizardStep.CrossAccount).Count);
        Assert.NotEmpty(script.CommandsOf(WizardStep.Review));
        Assert.Equal(script.Commands.Count, Enum.GetValues<WizardStep>().Sum(s => script.CommandsOf(s).Count));
    }
}
