using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.FakeIca;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Ica;

/// <summary>
/// The three outcomes after an ICA create whose answer was lost, in a real browser against the loopback fake ICA: the
/// fake holds the answer until the app's 2 s ICA timeout gave up on it (the test waits for the page, not for time), then
/// the app reads ICA again and says what is true. A second plan completes the setup, with nothing created twice and no
/// advice to delete a key ICA holds.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class IcaLostAnswerTests(LostAnswerApp lost, BrowserFixture browser) : IClassFixture<LostAnswerApp>
{
    private const string AwsSecret = "E2eIcaAwsSecretValue/0123456789";
    private const string AwsToken = "E2eIcaAwsTokenValue0123456789";
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private AppServer App => lost.App;

    [Fact]
    public async Task LostAnswer_CredentialExists_SaysKeepTheKey_AndTheSetupCarriesOnToOk()
    {
        IPage page = await browser.NewPageAsync(App.BaseUrl);
        await using IBrowserContext context = page.Context;
        (WizardPage wizard, IcaApiPanelPage ica) = await OpenStepThreeAsync(page, "lab-lost-a", "ica-lost-a");
        await ica.ChooseNewIamKeyAsync("ica-lost-a");
        await ica.Plan.PlanAsync();
        FakeIcaHold hold = App.Ica.HoldAnswer("POST /api/storageCredentials", commits: true);

        await ica.Plan.ApplyAsync(4);

        await Expect(ica.Root.GetByTestId("ica-validation-ok")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(ica.Plan.AppliedChanges.Nth(1)).ToContainTextAsync("ica-lost-a exists (");
        await Expect(ica.Plan.AppliedChanges.Nth(1)).ToContainTextAsync("keep that key. The plan carries on with ica-lost-a.");
        Assert.True(hold.Settled.IsCompleted);
        await SaveAsync(wizard, ica, "ica-lost-1-exists");
        Assert.DoesNotContain("delete-access-key", await ica.Root.InnerTextAsync(), StringComparison.Ordinal);
        FakeIcaCredential credential = Assert.Single(App.Ica.Credentials, c => c.Name == "ica-lost-a");
        Assert.Equal(credential.Id, Assert.Single(App.Ica.Configurations, c => c.Name == "lab-lost-a").CredentialId);
    }

    [Fact]
    public async Task LostAnswer_CredentialAbsent_AdvisesDeletingTheUnusedKey_AndASecondPlanCompletes()
    {
        IPage page = await browser.NewPageAsync(App.BaseUrl);
        await using IBrowserContext context = page.Context;
        (WizardPage wizard, IcaApiPanelPage ica) = await OpenStepThreeAsync(page, "lab-lost-b", "ica-lost-b");
        await ica.ChooseNewIamKeyAsync("ica-lost-b");
        await ica.Plan.PlanAsync();
        App.Ica.HoldAnswer("POST /api/storageCredentials", commits: false);

        await ica.Plan.ApplyAsync(4);

        await Expect(ica.Plan.AppliedChanges.Nth(1)).ToContainTextAsync("there is none named ica-lost-b, so ICA has not created it so far", Slow);
        string orphan = Assert.Single(App.Aws.AccessKeysOf("ica-lost-b"));
        await Expect(ica.Plan.AppliedChanges.Nth(1)).ToContainTextAsync($"delete it (aws iam delete-access-key --access-key-id {orphan} --user-name ica-lost-b)");
        await SaveAsync(wizard, ica, "ica-lost-2-absent");

        await ica.Plan.PlanAsync();
        await Expect(ica.Plan.Changes).ToHaveCountAsync(4);
        await ica.Plan.ApplyAsync(4);
        await Expect(ica.Root.GetByTestId("ica-validation-ok")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        FakeIcaCredential credential = Assert.Single(App.Ica.Credentials, c => c.Name == "ica-lost-b");
        Assert.NotEqual(orphan, credential.AccessKeyId);
        Assert.DoesNotContain(App.Ica.Credentials, c => c.AccessKeyId == orphan);
        Assert.Single(App.Ica.Configurations, c => c.Name == "lab-lost-b");
    }

    [Fact]
    public async Task LostAnswer_IcaUnreadable_SaysItCannotBeKnown_AndASecondPlanCarriesOnWithTheCredential()
    {
        IPage page = await browser.NewPageAsync(App.BaseUrl);
        await using IBrowserContext context = page.Context;
        (WizardPage wizard, IcaApiPanelPage ica) = await OpenStepThreeAsync(page, "lab-lost-c", "ica-lost-c");
        await ica.ChooseNewIamKeyAsync("ica-lost-c");
        await ica.Plan.PlanAsync();
        App.Ica.HoldAnswer("POST /api/storageCredentials", commits: true);
        App.Ica.Fault = FakeIcaFault.ServerError;
        App.Ica.FaultPath = "GET /api/storageCredentials";
        try
        {
            await ica.Plan.ApplyAsync(4);

            string key = Assert.Single(App.Aws.AccessKeysOf("ica-lost-c"));
            await Expect(ica.Plan.AppliedChanges.Nth(1)).ToContainTextAsync("whether ICA created ica-lost-c cannot be known now", Slow);
            await Expect(ica.Plan.AppliedChanges.Nth(1)).ToContainTextAsync($"Do not delete the access key {key}: ICA may hold it.");
            await Expect(ica.Plan.AppliedChanges.Nth(1)).ToContainTextAsync("open System Settings → Storage → Credentials and look for ica-lost-c");
            await SaveAsync(wizard, ica, "ica-lost-3-unknown");
        }
        finally
        {
            App.Ica.Fault = FakeIcaFault.None;
        }

        await ica.Plan.PlanAsync();
        await Expect(ica.Root.GetByTestId("ica-credential-carried")).ToContainTextAsync("ICA lists the storage credential ica-lost-c now");
        await Expect(ica.Plan.Changes).ToHaveCountAsync(2);
        await SaveAsync(wizard, ica, "ica-lost-4-unknown-plan-again");
        await ica.Plan.ApplyAsync(2);
        await Expect(ica.Root.GetByTestId("ica-validation-ok")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        FakeIcaCredential credential = Assert.Single(App.Ica.Credentials, c => c.Name == "ica-lost-c");
        Assert.Equal(credential.Id, Assert.Single(App.Ica.Configurations, c => c.Name == "lab-lost-c").CredentialId);
        Assert.Equal(credential.AccessKeyId, Assert.Single(App.Aws.AccessKeysOf("ica-lost-c")));
    }

    // The screenshot, and the words of the ICA panel beside it (both under TestResults, not committed).
    private static async Task SaveAsync(WizardPage wizard, IcaApiPanelPage ica, string name)
    {
        string path = await wizard.SaveScreenshotAsync(name);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), await ica.Root.InnerTextAsync());
    }

    // Step 1 and 2 of the fake account's working setup, then step 3 with ICA connected.
    private Task<(WizardPage Wizard, IcaApiPanelPage Ica)> OpenStepThreeAsync(IPage page, string configurationName, string iamUser) =>
        IcaStepThree.OpenAsync(page, App, configurationName, iamUser, AwsSecret, AwsToken);
}
