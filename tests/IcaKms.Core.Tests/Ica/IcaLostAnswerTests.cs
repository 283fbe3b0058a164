using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using IcaKms.FakeIca;

namespace IcaKms.Core.Tests.Ica;

/// <summary>
/// Creates whose answer is lost (the client's small attempt timeout passes while the fake holds the answer, or ICA
/// answers 5xx): IcaKms reads ICA again and says what is true. The tests wait for the apply's end, never for time.
/// </summary>
public class IcaLostAnswerTests
{
    private const string PastedId = "AKIAPASTED0000000001";
    private const string NewKeyId = "AKIANEWKEY0000000001";
    // Small, so a held answer is given up on soon; large enough for the answers that are not held on a busy machine.
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMilliseconds(1500);
    private static readonly IcaApiRegion Sydney = new(FakeIcaScenario.AuRegionId, "AU", "Sydney", new IcaCountry("AU", "Australia", null));

    public static TheoryData<CredentialSource> NewCredentialSources => [CredentialSource.PastedKey, CredentialSource.NewIamKey];

    [Theory]
    [MemberData(nameof(NewCredentialSources))]
    public async Task CredentialCreatedAfterTheTimeout_IsFoundByReadingIcaAgain_AndThePlanCarriesOn(CredentialSource source)
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(attemptTimeout: ClientTimeout);
        FakeIcaHold hold = ica.Server.HoldAnswer("POST /api/storageCredentials", commits: true);

        IcaApplyResult result = await ApplyAsync(ica, Plan(ica, source));

        Assert.True(hold.Settled.IsCompleted);
        Assert.True(result.Result.Succeeded, string.Join(" | ", result.Result.Changes.Select(c => c.Message)));
        string message = result.Result.Changes.Single(c => c.Change is CreateStorageCredentialChange).Message;
        string keyId = source == CredentialSource.NewIamKey ? NewKeyId : PastedId;
        Assert.StartsWith("ICA did not answer the creation of the storage credential ica-storage (no answer in time), so IcaKms read ICA's storage credentials again: ica-storage exists", message, StringComparison.Ordinal);
        Assert.Contains($"holds the access key {keyId}: keep that key. The plan carries on with ica-storage.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("delete", message, StringComparison.OrdinalIgnoreCase);
        FakeIcaCredential credential = Assert.Single(ica.Server.Credentials);
        Assert.Equal(credential.Id, Assert.Single(ica.Server.Configurations).CredentialId);
        Assert.Equal(credential.Id, result.Credential?.Id);
    }

    [Fact]
    public async Task CredentialNeverCreated_AfterTheTimeout_IsAbsent_AndTheOrphanKeyIsToBeDeletedOnceRefreshShowsItUnused()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(attemptTimeout: ClientTimeout);
        ica.Server.HoldAnswer("POST /api/storageCredentials", commits: false);

        IcaApplyResult result = await ApplyAsync(ica, Plan(ica, CredentialSource.NewIamKey));

        Assert.Equal([ChangeOutcome.Done, ChangeOutcome.Failed, ChangeOutcome.NotDone, ChangeOutcome.NotDone], result.Result.Changes.Select(c => c.Outcome));
        string message = result.Result.Failure!.Message;
        Assert.Contains("there is none named ica-storage, so ICA has not created it so far", message, StringComparison.Ordinal);
        Assert.Contains("press Refresh before deleting anything", message, StringComparison.Ordinal);
        Assert.Contains($"If it is still not listed, no ICA credential holds the key: delete it (aws iam delete-access-key --access-key-id {NewKeyId} --user-name ica-storage)", message, StringComparison.Ordinal);
        Assert.Empty(ica.Server.Credentials);
        Assert.Null(result.Credential);
    }

    [Fact]
    public async Task CredentialRefusedWith5xx_IsAbsent_AndTheOrphanKeyIsToBeDeleted()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.Fault = FakeIcaFault.ServerError;
        ica.Server.FaultPath = "POST /api/storageCredentials";

        IcaApplyResult result = await ApplyAsync(ica, Plan(ica, CredentialSource.NewIamKey));

        Assert.Equal(
            "ICA did not answer the creation of the storage credential ica-storage (HTTP 500), so IcaKms read ICA's storage credentials again: there is none named ica-storage, " +
            $"so ICA has not created it. The access key {NewKeyId} was created in IAM, but its secret is gone (IcaKms never keeps it) and no ICA credential holds it: " +
            $"delete that key (aws iam delete-access-key --access-key-id {NewKeyId} --user-name ica-storage) before trying again.",
            result.Result.Failure!.Message);
    }

    [Theory]
    [MemberData(nameof(NewCredentialSources))]
    public async Task CredentialCreated_ButIcaUnreadable_CannotBeKnown_AndNoKeyIsToBeDeleted_ThenTheNextPlanCarriesOn(CredentialSource source)
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(attemptTimeout: ClientTimeout);
        ica.Server.HoldAnswer("POST /api/storageCredentials", commits: true);
        ica.Server.Fault = FakeIcaFault.ServerError;
        ica.Server.FaultPath = "GET /api/storageCredentials";

        IcaApplyResult result = await ApplyAsync(ica, Plan(ica, source));

        string message = result.Result.Failure!.Message;
        Assert.Contains("but could not (HTTP 500): whether ICA created ica-storage cannot be known now", message, StringComparison.Ordinal);
        Assert.Contains("open System Settings → Storage → Credentials and look for ica-storage", message, StringComparison.Ordinal);
        if (source == CredentialSource.NewIamKey)
        {
            Assert.Contains($"Do not delete the access key {NewKeyId}: ICA may hold it.", message, StringComparison.Ordinal);
            Assert.Contains("If it is not, no ICA credential holds the key: delete it", message, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("delete", message, StringComparison.OrdinalIgnoreCase);
        }

        // ICA readable again: the next plan, from ICA's lists, uses the credential ICA made; nothing is made twice.
        ica.Server.Fault = FakeIcaFault.None;
        IcaApplyResult second = await SecondPlanAsync(ica);
        Assert.True(second.Result.Succeeded, string.Join(" | ", second.Result.Changes.Select(c => c.Message)));
        Assert.Single(ica.Server.Credentials);
        Assert.Single(ica.Server.Configurations);
    }

    [Fact]
    public async Task ConfigurationCreatedAfterTheTimeout_IsFound_AndValidated_NotCreatedTwice()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(attemptTimeout: ClientTimeout);
        ica.Server.HoldAnswer("POST /api/storageConfigurations", commits: true);

        IcaApplyResult result = await ApplyAsync(ica, Plan(ica, CredentialSource.PastedKey));

        Assert.True(result.Result.Succeeded, string.Join(" | ", result.Result.Changes.Select(c => c.Message)));
        FakeIcaConfiguration configuration = Assert.Single(ica.Server.Configurations);
        Assert.Equal(configuration.Id, result.ConfigurationId);
        Assert.Equal(1, configuration.Validations);
        Assert.Contains("acme-runs exists (", result.Result.Changes.Single(c => c.Change is CreateStorageConfigurationChange).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationRefusedWith5xx_IsAbsent_TheCredentialStays_AndTheSecondPlanCompletesFromIt()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.Fault = FakeIcaFault.ServerError;
        ica.Server.FaultPath = "POST /api/storageConfigurations";

        IcaApplyResult result = await ApplyAsync(ica, Plan(ica, CredentialSource.NewIamKey));

        Assert.True(result.Credential?.Name == "ica-storage", string.Join(" | ", result.Result.Changes.Select(c => c.Message)));
        Assert.Equal(
            "ICA did not answer the creation of the storage configuration acme-runs (HTTP 500), so IcaKms read ICA's storage configurations again: there is none named acme-runs, " +
            "so ICA has not created it. The storage credential ica-storage is in ICA and stays: the next plan uses it. Plan again: the plan starts from what ICA has now.",
            result.Result.Failure!.Message);
        ica.Server.Fault = FakeIcaFault.None;
        IcaApplyResult second = await SecondPlanAsync(ica);
        Assert.True(second.Result.Succeeded);
        Assert.Equal(Assert.Single(ica.Server.Credentials).Id, Assert.Single(ica.Server.Configurations).CredentialId);
    }

    [Fact]
    public async Task ConfigurationUnreadable_AfterTheTimeout_CannotBeKnown_AndSaysWhereToLook()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(attemptTimeout: ClientTimeout);
        ica.Server.HoldAnswer("POST /api/storageConfigurations", commits: false);
        ica.Server.Fault = FakeIcaFault.ServerError;
        ica.Server.FaultPath = "GET /api/storageConfigurations";

        IcaApplyResult result = await ApplyAsync(ica, Plan(ica, CredentialSource.PastedKey));

        Assert.Contains("whether ICA created acme-runs cannot be known now. In ICA, open System Settings → Storage → Configuration and look for acme-runs before planning again",
            result.Result.Failure!.Message, StringComparison.Ordinal);
    }

    private static SetupPlan Plan(FakeIcaFixture ica, CredentialSource source) => IcaPlanner.Plan(new IcaPlanRequest(
        ica.Server.Url, Samples.Configuration(), [], Sydney, null,
        new CredentialChoice(source, null, "ica-storage", source == CredentialSource.PastedKey ? PastedId : null, "ica-storage"), [], [], Share: false));

    private static Task<IcaApplyResult> ApplyAsync(FakeIcaFixture ica, SetupPlan plan) =>
        IcaApplier.ApplyAsync(ica.Client(), IcaApplierTests.NewKeyIam.Create(), plan, new AwsAccessKey(PastedId, "PastedSecret/0123456789abcdefghijKLMNOP"), "tester", TimeProvider.System);

    // What the wizard does next: read ICA's lists, choose the credential ICA has, plan and apply.
    private static async Task<IcaApplyResult> SecondPlanAsync(FakeIcaFixture ica)
    {
        IIcaClient client = ica.Client();
        IReadOnlyList<StorageCredential> credentials = (await client.GetStorageCredentialsAsync()).Value!;
        IReadOnlyList<StorageConfiguration> configurations = (await client.GetStorageConfigurationsAsync()).Value!;
        StorageCredential existing = Assert.Single(credentials, c => c.Name == "ica-storage");
        SetupPlan plan = IcaPlanner.Plan(new IcaPlanRequest(ica.Server.Url, Samples.Configuration(), [], Sydney, null,
            new CredentialChoice(CredentialSource.Existing, existing.Id, existing.Name), credentials, configurations, Share: false));
        Assert.DoesNotContain(plan.Changes, c => c is CreateStorageCredentialChange or CreateIamAccessKeyChange);
        return await IcaApplier.ApplyAsync(client, null, plan, null, "tester", TimeProvider.System);
    }
}
