using IcaKms.Core.Checks;
using IcaKms.Core.Planning;
using IcaKms.Core.Tests.Checks;

namespace IcaKms.Core.Tests.Setup;

public class KeyPolicyPlannerTests
{
    private const string Caller = $"arn:aws:sts::{Live.Account}:assumed-role/Admin/me";

    private static SetupPlan Plan(LiveSnapshot snapshot) => KeyPolicyPlanner.Plan(Live.Request(Live.CrossAccountInputs), snapshot, Caller);

    [Fact]
    public void Plan_AddsTheStatement_KeepingTheOthers()
    {
        LiveSnapshot snapshot = Live.Healthy() with { KeyPolicy = Live.Ok(Live.KeyPolicy(Live.RootStatement)) };

        SetupPlan plan = Plan(snapshot);

        var change = Assert.IsType<MergeKeyPolicyChange>(Assert.Single(plan.Changes));
        Assert.Equal(Live.KeyArn, change.KeyArn);
        Assert.Contains("Allow cross account access", change.After, StringComparison.Ordinal);
        Assert.Contains("Enable IAM User Permissions", change.After, StringComparison.Ordinal);
        Assert.Equal(Live.KeyPolicy(Live.RootStatement), change.Before);
    }

    [Fact]
    public void Plan_IsEmpty_WhenTheStatementIsThere()
    {
        Assert.True(Plan(Live.Healthy()).IsEmpty);
    }

    [Fact]
    public void Plan_IsEmpty_WithoutCrossAccountCopy()
    {
        SetupPlan plan = KeyPolicyPlanner.Plan(Live.Request(), Live.Healthy() with { KeyPolicy = Live.Ok(Live.KeyPolicy(Live.RootStatement)) }, Caller);

        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Blockers);
    }

    [Fact]
    public void Plan_Refuses_AnAwsManagedKey()
    {
        LiveSnapshot snapshot = Live.Healthy() with
        {
            Key = Live.Ok(Live.Key with { KeyManager = "AWS" }),
            KeyPolicy = Live.Ok(Live.KeyPolicy(Live.RootStatement)),
        };

        SetupPlan plan = Plan(snapshot);

        Assert.True(plan.IsEmpty);
        Assert.Contains("AWS managed", Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Refuses_APolicyThatWouldLockTheCallerOut()
    {
        const string onlyGrant = """{"Sid": "Allow cross account access", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"}""";

        SetupPlan plan = Plan(Live.Healthy() with { KeyPolicy = Live.Ok(Live.KeyPolicy(onlyGrant)) });

        Assert.True(plan.IsEmpty);
        Assert.Contains("lock", Assert.Single(plan.Blockers), StringComparison.OrdinalIgnoreCase);
    }
}
