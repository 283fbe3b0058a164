using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Planning;
using IcaKms.Core.Tests.Checks;

namespace IcaKms.Core.Tests.Setup;

public class IamPlannerTests
{
    private static readonly DateTimeOffset Day = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IamPlanFacts Facts(
        bool userExists = true,
        string? policy = null,
        int versions = 1,
        bool attached = true) => new(
            Live.User,
            userExists ? Live.Ok(new IamUser(Live.User, "AIDA", Live.UserArn)) : Live.Failed<IamUser>(AwsFailureKind.NotFound, "iam:GetUser", "No such user."),
            "ica-kms",
            Live.PolicyArn,
            policy is null ? Live.Failed<ManagedPolicyVersion>(AwsFailureKind.NotFound, "iam:GetPolicy", "No such policy.") : Live.Ok(Live.ManagedVersion(policy)),
            policy is null ? null : Live.Ok<IReadOnlyList<PolicyVersionInfo>>([.. Enumerable.Range(1, versions).Select(i => new PolicyVersionInfo($"v{i}", i == versions, Day.AddDays(i)))]),
            userExists ? Live.Ok<IReadOnlyList<AttachedPolicy>>(attached ? [new AttachedPolicy("ica-kms", Live.PolicyArn)] : []) : null);

    private static SetupPlan Plan(IamPlanFacts facts, bool granted = false) => IamPlanner.Plan(Live.Request(), granted, facts);

    [Fact]
    public void Plan_IsEmpty_WhenIamAlreadyGrantsEverything()
    {
        Assert.True(Plan(Facts(policy: "{}"), granted: true).IsEmpty);
    }

    [Fact]
    public void Plan_CreatesUserPolicyAndAttachment_InAnEmptyAccount()
    {
        SetupPlan plan = Plan(Facts(userExists: false));

        Assert.Collection(plan.Changes,
            c => Assert.Equal(Live.User, Assert.IsType<CreateIamUserChange>(c).UserName),
            c => Assert.Equal(Live.IamPolicy(), Assert.IsType<CreateIamPolicyChange>(c).After),
            c => Assert.Equal(new AttachPolicyChange(Live.User, Live.PolicyArn), c));
    }

    [Fact]
    public void Plan_AddsANewDefaultVersion_WhenThePolicyDiffers()
    {
        string old = Live.IamPolicy(PolicyVariant.Versioned);

        SetupPlan plan = Plan(Facts(policy: old, versions: 2));

        var change = Assert.IsType<AddPolicyVersionChange>(Assert.Single(plan.Changes));
        Assert.Equal(old, change.Before);
        Assert.Equal(Live.IamPolicy(), change.After);
    }

    [Fact]
    public void Plan_DeletesTheOldestNonDefaultVersionFirst_WhenThePolicyHasFive()
    {
        SetupPlan plan = Plan(Facts(policy: Live.IamPolicy(PolicyVariant.Versioned), versions: 5));

        Assert.Collection(plan.Changes,
            c => Assert.Equal("v1", Assert.IsType<DeletePolicyVersionChange>(c).VersionId),
            c => Assert.IsType<AddPolicyVersionChange>(c));
        Assert.Contains(plan.Notes, n => n.Contains("v1", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OnlyAttaches_WhenThePolicyIsRightButNotAttached()
    {
        SetupPlan plan = Plan(Facts(policy: Live.IamPolicy(), attached: false));

        Assert.Equal(new AttachPolicyChange(Live.User, Live.PolicyArn), Assert.Single(plan.Changes));
    }

    [Fact]
    public void Plan_TakesTheSameDocumentInAnotherFormatting_AsTheSame()
    {
        string compact = Live.IamPolicy().Replace("\n", string.Empty, StringComparison.Ordinal).Replace("    ", string.Empty, StringComparison.Ordinal);

        Assert.True(Plan(Facts(policy: compact)).IsEmpty);
    }

    [Fact]
    public void Plan_NamesTheRefusedRead_InsteadOfGuessing()
    {
        IamPlanFacts facts = Facts() with { User = Live.Failed<IamUser>(AwsFailureKind.AccessDenied, "iam:GetUser", "AccessDenied on iam:GetUser.") };

        SetupPlan plan = Plan(facts);

        Assert.True(plan.IsEmpty);
        Assert.Contains("iam:GetUser", Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }
}
