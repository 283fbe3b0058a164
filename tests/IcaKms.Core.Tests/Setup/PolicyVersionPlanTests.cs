using IcaKms.Core.Aws;
using IcaKms.Core.Planning;

namespace IcaKms.Core.Tests.Setup;

public class PolicyVersionPlanTests
{
    private static readonly DateTimeOffset Day1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_FewerThanFiveVersions_DeletesNothing()
    {
        PolicyVersionPlan plan = PolicyVersionPlan.For([Version("v1", Day1, isDefault: false), Version("v2", Day1.AddDays(1), isDefault: true)]);

        Assert.True(plan.CanAddVersion);
        Assert.Null(plan.DeleteFirst);
        Assert.Contains("2 of IAM's 5 versions", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void For_FiveVersions_DeletesTheOldestNonDefault_AndSaysSo()
    {
        PolicyVersionPlan plan = PolicyVersionPlan.For(Five(defaultId: "v5"));

        Assert.True(plan.CanAddVersion);
        Assert.Equal("v1", plan.DeleteFirst?.VersionId);
        Assert.Contains("oldest non-default version, v1 (created 2024-01-01 00:00:00 UTC), is deleted first", plan.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void For_FiveVersions_NeverDeletesTheDefault_EvenWhenItIsTheOldest()
    {
        PolicyVersionPlan plan = PolicyVersionPlan.For(Five(defaultId: "v1"));

        Assert.Equal("v2", plan.DeleteFirst?.VersionId);
        Assert.False(plan.DeleteFirst!.IsDefaultVersion);
    }

    [Fact]
    public void For_GoesByCreationDate_NotByListOrderOrVersionNumber()
    {
        // v7 was created before v3 (e.g. versions restored by hand); the list comes newest-first and shuffled.
        PolicyVersionPlan plan = PolicyVersionPlan.For(
        [
            Version("v9", Day1.AddDays(9), isDefault: true),
            Version("v3", Day1.AddDays(3), isDefault: false),
            Version("v7", Day1.AddDays(2), isDefault: false),
            Version("v8", Day1.AddDays(8), isDefault: false),
            Version("v4", Day1.AddDays(4), isDefault: false),
        ]);

        Assert.Equal("v7", plan.DeleteFirst?.VersionId);
    }

    [Fact]
    public void For_VersionsOfTheSameSecond_DeletesTheLowestNumber()
    {
        PolicyVersionPlan plan = PolicyVersionPlan.For(
        [
            Version("v10", Day1, isDefault: false),
            Version("v2", Day1, isDefault: false),
            Version("v11", Day1, isDefault: false),
            Version("v12", Day1, isDefault: false),
            Version("v13", Day1, isDefault: true),
        ]);

        Assert.Equal("v2", plan.DeleteFirst?.VersionId);
    }

    [Fact]
    public void For_FiveVersionsWithoutANonDefaultOne_CannotAdd()
    {
        PolicyVersionPlan plan = PolicyVersionPlan.For([.. Enumerable.Range(1, 5).Select(i => Version($"v{i}", Day1.AddDays(i), isDefault: true))]);

        Assert.False(plan.CanAddVersion);
        Assert.Null(plan.DeleteFirst);
    }

    private static PolicyVersionInfo[] Five(string defaultId) =>
        [.. Enumerable.Range(1, 5).Reverse().Select(i => Version($"v{i}", Day1.AddDays(i - 1), isDefault: $"v{i}" == defaultId))];

    private static PolicyVersionInfo Version(string id, DateTimeOffset created, bool isDefault) => new(id, isDefault, created);
}
