using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.FakeIca;

namespace IcaKms.Core.Tests.Ica;

/// <summary>
/// Each ICA change re-reads what it will write and refuses when ICA no longer holds what the plan was made from: someone
/// made the credential or the configuration meanwhile, or the configuration to validate is gone.
/// </summary>
public class IcaChangeDriftTests
{
    private static readonly IcaApiRegion Sydney = new(FakeIcaScenario.AuRegionId, "AU", "Sydney", new IcaCountry("AU", "Australia", null));

    [Fact]
    public async Task CreateStorageCredential_IsRefused_WhenTheNameWasTakenSinceThePlan()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        SetupPlan plan = Plan(ica, new CredentialChoice(CredentialSource.PastedKey, null, "ica-storage", "AKIAPASTED0000000001"), []);
        ica.Server.AddCredential("ica-storage");

        IcaApplyResult result = await ApplyAsync(ica, plan);

        AppliedChange first = result.Result.Changes[0];
        Assert.Equal(ChangeOutcome.Failed, first.Outcome);
        Assert.Contains("ICA has a storage credential named ica-storage now, which it did not have when the plan was made", first.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ica.Server.Requests, r => r.Method == "POST");
        Assert.Null(result.UnsettledCredentialName);
    }

    [Fact]
    public async Task CreateStorageConfiguration_IsRefused_WhenTheNameWasTakenSinceThePlan()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        FakeIcaCredential credential = ica.Server.AddCredential("ica-user");
        SetupPlan plan = Plan(ica, new CredentialChoice(CredentialSource.Existing, credential.Id, credential.Name), [new StorageCredential(credential.Id, credential.Name, "AWS_USER")]);
        ica.Server.AddConfiguration("acme-runs", credential.Id, FakeIcaScenario.AuRegionId, "other-bucket", null, null);

        IcaApplyResult result = await ApplyAsync(ica, plan);

        Assert.Equal([ChangeOutcome.Failed, ChangeOutcome.NotDone], result.Result.Changes.Select(c => c.Outcome));
        Assert.Contains("ICA has a storage configuration named acme-runs now", result.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal("other-bucket", Assert.Single(ica.Server.Configurations).BucketName);
    }

    [Fact]
    public async Task ValidateStorageConfiguration_IsRefused_WhenTheConfigurationIsGoneSinceThePlan()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        var plan = new SetupPlan(WizardStep.IcaConfiguration, [new ValidateStorageConfigurationChange(ica.Server.Url, "acme-runs", Guid.NewGuid().ToString())], [], []);

        IcaApplyResult result = await ApplyAsync(ica, plan);

        Assert.Contains("is no longer in ICA under that name since the plan was made", result.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.False(result.ValidationStarted);
        Assert.DoesNotContain(ica.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task ValidateStorageConfiguration_GoesAhead_WhenTheConfigurationIsStillThere()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        FakeIcaConfiguration existing = ica.Server.AddConfiguration("acme-runs", "cred", FakeIcaScenario.AuRegionId, Samples.Bucket, Samples.Prefix, Samples.KeyArn);
        var plan = new SetupPlan(WizardStep.IcaConfiguration, [new ValidateStorageConfigurationChange(ica.Server.Url, "acme-runs", existing.Id)], [], []);

        IcaApplyResult result = await ApplyAsync(ica, plan);

        Assert.True(result.Result.Succeeded, result.Result.Failure?.Message);
        Assert.Equal(("acme-runs", existing.Id), (result.ValidatedName, result.ConfigurationId));
        Assert.Equal(1, Assert.Single(ica.Server.Configurations).Validations);
    }

    private static SetupPlan Plan(FakeIcaFixture ica, CredentialChoice choice, IReadOnlyList<StorageCredential> credentials) => IcaPlanner.Plan(new IcaPlanRequest(
        ica.Server.Url, Samples.Configuration(), [], Sydney, null, choice, credentials, [], Share: false));

    private static Task<IcaApplyResult> ApplyAsync(FakeIcaFixture ica, SetupPlan plan) =>
        IcaApplier.ApplyAsync(ica.Client(), null, plan, new AwsAccessKey("AKIAPASTED0000000001", "PastedSecret/0123456789abcdefghijKLMNOP"), "tester", TimeProvider.System);
}
