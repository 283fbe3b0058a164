using IcaKms.FakeAws;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Live;

/// <summary>Disconnect in a real browser while AWS calls are in flight (the fake AWS holds them).</summary>
[Collection(E2ECollection.Name)]
public sealed class DisconnectTests(AppServer app, BrowserFixture browser)
{
    private const string Secret = "E2eDisconnectSecretValue/0123456789";
    private const string Token = "E2eDisconnectTokenValue0123456789";

    private FakeAwsScenario Scenario => app.Aws.Scenario;

    [Fact]
    public async Task DisconnectDuringInspection_SendsNothingMore_ShowsNoFinding_AndKeepsTheCircuit()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        ConnectionPanel panel = tab.Connection;
        await wizard.Bucket.FillAsync(Scenario.BucketName, Scenario.DefaultKeyArn, "ica/");
        await wizard.NextAsync();
        ILocator user = page.GetByRole(AriaRole.Textbox, new() { Name = "IAM user for ICA" });
        await user.FillAsync(FakeAwsScenario.DefaultIamUserName);

        app.Aws.HoldRequests();
        try
        {
            // The IAM chain (user → attached policies → their versions) has calls that wait for earlier answers.
            await page.GetByRole(AriaRole.Button, new() { Name = "Check the live policy" }).ClickAsync();
            await app.Aws.WaitUntilAsync(() => app.Aws.HeldRequests > 0, "a request held");

            await panel.DisconnectButton.ClickAsync();
            await Expect(panel.Offline).ToBeVisibleAsync();
            int sentBeforeRelease = app.Aws.RequestCount;
            app.Aws.ReleaseRequests();
            await app.Aws.WaitUntilAsync(() => app.Aws.HeldRequests == 0, "the held requests answered");

            // The circuit still answers: a value typed now is stored.
            await wizard.PreviousAsync();
            await wizard.Bucket.KeyPrefix.FillAsync("ica-2/");
            await wizard.WaitUntilStoredAsync("ica-2/");
            Assert.Equal(sentBeforeRelease, app.Aws.RequestCount);
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();

            // Offline review: no finding of the cancelled inspection, only the offline placeholders.
            await wizard.NextAsync();
            await wizard.NextAsync();
            await wizard.IcaConfiguration.FillAsync("lab-kms", "E2E");
            await wizard.NextAsync();
            await wizard.NextAsync();
            await Expect(wizard.Review.Check("live-bucket")).ToContainTextAsync("not checked");
            await Expect(wizard.Review.Check("bucket-encryption")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("live-variant-reason")).ToHaveCountAsync(0);
        }
        finally
        {
            app.Aws.ReleaseRequests();
        }
    }
}
