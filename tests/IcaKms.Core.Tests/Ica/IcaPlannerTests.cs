using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Tests.Ica;

public class IcaPlannerTests
{
    private static readonly Uri Api = new("https://ica.example.test/ica/rest");
    private static readonly IcaApiRegion Sydney = new("region-au", "AU", "Sydney", new IcaCountry("AU", "Australia", "APAC"));

    private static IcaPlanRequest Request(CredentialChoice? credential, IReadOnlyList<StorageConfiguration>? configurations = null, bool share = false, IcaApiRegion? region = null) =>
        new(Api, Samples.Configuration(), [], region ?? Sydney, null, credential,
            [new StorageCredential("cred-1", "ica-user", "AWS_USER")], configurations ?? [], share);

    [Fact]
    public void Plan_WithANewIamKey_CreatesKeyCredentialConfiguration_ThenValidates()
    {
        SetupPlan plan = IcaPlanner.Plan(Request(new CredentialChoice(CredentialSource.NewIamKey, null, "ica-storage", IamUserName: "ica-storage"), share: true));

        Assert.Empty(plan.Blockers);
        Assert.Equal(
            [typeof(CreateIamAccessKeyChange), typeof(CreateStorageCredentialChange), typeof(CreateStorageConfigurationChange), typeof(ShareStorageConfigurationChange), typeof(ValidateStorageConfigurationChange)],
            plan.Changes.Select(c => c.GetType()));
        Assert.Contains(plan.Notes, n => n.Contains("never shown, stored or logged", StringComparison.Ordinal));
        Assert.Contains("\"regionId\": \"region-au\"", plan.Changes[2].After, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithAnExistingCredential_SendsItsId()
    {
        SetupPlan plan = IcaPlanner.Plan(Request(new CredentialChoice(CredentialSource.Existing, "cred-1", "ica-user")));

        var create = Assert.IsType<CreateStorageConfigurationChange>(plan.Changes[0]);
        Assert.Equal("cred-1", create.Request.StorageCredentialId);
        Assert.Equal(2, plan.Changes.Count);
    }

    [Fact]
    public void Plan_WhenTheSameConfigurationExists_OnlyValidatesIt()
    {
        var existing = new StorageConfiguration("conf-1", "acme-runs", "Sequencing runs", "AWS_S3", "ERROR", "old", Sydney, false,
            new StorageConfigurationDetails(new AwsDetails(Samples.Bucket, Samples.Prefix, "AWS:KMS", Samples.KeyArn)));

        SetupPlan plan = IcaPlanner.Plan(Request(null, [existing]));

        var validate = Assert.IsType<ValidateStorageConfigurationChange>(Assert.Single(plan.Changes));
        Assert.Equal("conf-1", validate.ConfigurationId);
        Assert.Contains(plan.Notes, n => n.Contains("validated again, not created", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("does not say which storage credential", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_WhenTheSameConfigurationExistsWithAnotherDescription_NamesIt_AndChangesNothing()
    {
        var existing = new StorageConfiguration("conf-1", "acme-runs", "Old runs", "AWS_S3", "OK", null, Sydney, false,
            new StorageConfigurationDetails(new AwsDetails(Samples.Bucket, Samples.Prefix, "aws:kms", Samples.KeyArn)));

        SetupPlan plan = IcaPlanner.Plan(Request(null, [existing]));

        Assert.Empty(plan.Changes);
        Assert.Contains("Description: Old runs in ICA, Sequencing runs here", Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WhenTheNameIsTakenByOtherValues_NamesTheDifferences_AndChangesNothing()
    {
        var existing = new StorageConfiguration("conf-1", "acme-runs", null, "AWS_S3", "OK", null, Sydney, false,
            new StorageConfigurationDetails(new AwsDetails("other-bucket", null, "aws:kms", Samples.KeyArn)));

        SetupPlan plan = IcaPlanner.Plan(Request(null, [existing]));

        Assert.Empty(plan.Changes);
        string blocker = Assert.Single(plan.Blockers);
        Assert.Contains("Bucket name: other-bucket in ICA, acme-genomics-ica here", blocker, StringComparison.Ordinal);
        Assert.Contains("Key prefix: (none) in ICA, runs/ here", blocker, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithoutEntitlement_IsBlocked()
    {
        SetupPlan plan = new[] { Request(new CredentialChoice(CredentialSource.Existing, "cred-1", "ica-user")) with { Region = null, RegionProblem = "no entitlement" } }
            .Select(IcaPlanner.Plan).Single();

        Assert.Equal(["no entitlement"], plan.Blockers);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Plan_ANewCredentialWithATakenName_IsBlocked()
    {
        SetupPlan plan = IcaPlanner.Plan(Request(new CredentialChoice(CredentialSource.PastedKey, null, "ica-user", "AKIAEXAMPLE000000001")));

        Assert.Contains(plan.Blockers, b => b.Contains("already has a storage credential named ica-user", StringComparison.Ordinal));
    }

    [Fact]
    public void RegionMatch_FindsTheRegionByCountry_OrSaysThereIsNoEntitlement()
    {
        IcaApiRegion us = new("region-us", "US", "Virginia", new IcaCountry("US", "United States", "AMER"));

        Assert.Equal(Sydney, IcaRegionMatch.Find([us, Sydney], Samples.Australia));
        Assert.Null(IcaRegionMatch.Find([us], Samples.Australia));
        Assert.Contains("no entitlement for Australia (ap-southeast-2)", IcaRegionMatch.NoEntitlement([us], Samples.Australia), StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialName_IsMadeFromAnIamUserName_AsIcaAllowsIt()
    {
        Assert.Equal("ica.user+lab@x".Length > 0 ? "ica-user-lab-x" : string.Empty, CredentialChoice.NameFrom("ica.user+lab@x"));
        Assert.Null(CredentialChoice.NameProblem("ica-user_1"));
        Assert.NotNull(CredentialChoice.NameProblem("ica.user"));
    }
}
