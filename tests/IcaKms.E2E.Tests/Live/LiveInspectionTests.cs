using IcaKms.FakeAws;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.Web.Services;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Live;

/// <summary>A connected session against the loopback fake AWS: findings, and credentials that go nowhere.</summary>
[Collection(E2ECollection.Name)]
public sealed class LiveInspectionTests(AppServer app, BrowserFixture browser)
{
    private const string Secret = "E2eSecretAccessKeyValue/NeverLogged+0123456789";
    private const string Token = "E2eSessionTokenValueThatMustNeverAppearAnywhere0123456789";

    private FakeAwsScenario Scenario => app.Aws.Scenario;

    [Fact]
    public async Task Connect_ShowsAccountAndPrincipal()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);

        await Expect(tab.Connection.Identity).ToContainTextAsync(Scenario.AccountId);
        await Expect(tab.Connection.Identity).ToContainTextAsync(Scenario.DefaultCallerArn);
    }

    [Fact]
    public async Task Connect_ShowsStsRefusal_WhenKeyUnknown()
    {
        await using WizardTab tab = await WizardTab.OpenAsync(browser, app.BaseUrl);
        IPage page = tab.Page;
        ConnectionPanel panel = tab.Connection;
        await panel.OpenButton.ClickAsync();
        await panel.AccessKeyId.FillAsync("ASIAUNKNOWN000000009");
        await panel.SecretAccessKey.FillAsync(Secret);
        await panel.SessionToken.FillAsync(Token);

        await panel.ConnectButton.ClickAsync();

        await Expect(page.GetByTestId("connection-panel").GetByRole(AriaRole.Alert)).ToContainTextAsync("credentials");
        await Expect(panel.Offline).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Inspect_ShowsFindingsPerCheck_AndChecksTheLivePolicy()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        await wizard.Bucket.FillAsync(Scenario.BucketName, Scenario.DefaultKeyArn, "ica/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();

        await Expect(page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("pass");
        await Expect(page.GetByTestId("live-key-manager")).ToContainTextAsync("pass");
        await Expect(page.GetByTestId("live-prefix-folder")).ToContainTextAsync("pass");
        await wizard.SaveScreenshotAsync("live-1-bucket");

        await wizard.NextAsync();
        await Expect(page.GetByTestId("live-variant-reason")).ToContainTextAsync("never been enabled");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "IAM user for ICA" }).FillAsync(FakeAwsScenario.DefaultIamUserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the live policy" }).ClickAsync();
        await Expect(page.GetByTestId("live-iam-policy-live")).ToContainTextAsync("pass");
        await wizard.SaveScreenshotAsync("live-2-iam-policy");
        Assert.Contains(app.Aws.Requests, r => r.Operation == "iam:ListAttachedUserPolicies");

        await wizard.NextAsync();
        await wizard.IcaConfiguration.ConfigurationName.FillAsync("lab-kms");
        await wizard.NextAsync();
        await wizard.NextAsync();
        await Expect(page.GetByTestId("check-bucket-encryption")).ToContainTextAsync("pass");
        await Expect(page.GetByTestId("check-live-bucket")).ToHaveCountAsync(0);
        await wizard.SaveScreenshotAsync("live-5-review");
    }

    [Fact]
    public async Task Inspect_FailsEncryptionCheck_WhenKeyIsAnotherKey()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        string otherKey = Scenario.DefaultKeyArn.Replace("1234abcd", "9999abcd", StringComparison.Ordinal);
        await wizard.Bucket.FillAsync(Scenario.BucketName, otherKey, "ica/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();

        await Expect(page.GetByTestId("live-key-resolves")).ToContainTextAsync("fail");
        await Expect(page.GetByTestId("live-bucket-encryption")).Not.ToContainTextAsync("pass");
    }

    [Fact]
    public async Task Inspect_ResolvesAnAliasTyped_AndReadsTheKeyPolicyWithTheKeyArn()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        await wizard.Bucket.BucketName.FillAsync(Scenario.BucketName);
        await wizard.Bucket.KeyArn.FillAsync(FakeAwsScenario.DefaultKeyAlias);
        await wizard.Bucket.KeyPrefix.FillAsync("ica/");

        // The step refuses the alias, but the inspection still runs and says which key ARN to enter instead.
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();

        await Expect(page.GetByTestId("live-key-resolves")).ToContainTextAsync(Scenario.DefaultKeyArn);
        await Expect(page.GetByTestId("live-key-resolves")).ToContainTextAsync("fail");
        await Expect(page.GetByTestId("live-key-manager")).ToContainTextAsync("pass");
        await wizard.NextAsync();
        await Expect(wizard.Snackbar("Some fields need attention")).ToBeVisibleAsync();
        Assert.Contains(app.Aws.Requests, r => r.Operation == "kms:GetKeyPolicy" && r.StatusCode == 200);
        Assert.DoesNotContain(app.Aws.Requests, r => r.Operation == "kms:GetKeyPolicy" && r.StatusCode != 200);
    }

    [Fact]
    public async Task Credentials_NeverReachLogsPageOrBrowserStorage()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        await wizard.Bucket.FillAsync(Scenario.BucketName, Scenario.DefaultKeyArn, "ica/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
        await Expect(page.GetByTestId("live-bucket-encryption")).ToBeVisibleAsync();
        await wizard.WaitUntilStoredAsync(Scenario.BucketName);

        string html = await page.ContentAsync();
        string storage = await page.EvaluateAsync<string>("() => JSON.stringify(Object.assign({}, window.localStorage, window.sessionStorage))");
        string inputs = await page.EvaluateAsync<string>("() => Array.from(document.querySelectorAll('input')).map(i => i.value).join('|')");

        Assert.True(app.Aws.Requests.Count > 5, "the session was used against the fake AWS");
        Assert.Contains("AwsConnection", app.Output, StringComparison.Ordinal);
        Assert.Contains("trce: ", app.Output, StringComparison.Ordinal);
        foreach (string secret in new[] { Secret, Token, FakeAwsScenario.DefaultAccessKeyId })
        {
            Assert.DoesNotContain(secret, app.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, storage, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, inputs, StringComparison.Ordinal);
        }

        Assert.Contains(Scenario.BucketName, storage, StringComparison.Ordinal);
        Assert.DoesNotContain(WizardStorage.Key + "-credentials", storage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoSessions_NeverSeeEachOthersIdentity()
    {
        await using WizardTab firstTab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        await using WizardTab secondTab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token, AppServer.SecondAccessKeyId);
        IPage first = firstTab.Page;
        IPage second = secondTab.Page;
        await first.ReloadAsync();
        await new WizardPage(first, app.BaseUrl).OpenAsync();

        await Expect(new ConnectionPanel(second).Identity).ToContainTextAsync(AppServer.SecondCallerArn);
        Assert.DoesNotContain(Scenario.DefaultCallerArn, await second.ContentAsync(), StringComparison.Ordinal);
        await Expect(new ConnectionPanel(first).Offline).ToBeVisibleAsync();
        Assert.DoesNotContain(AppServer.SecondCallerArn, await first.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnect_ReturnsOffline_AndHidesLivePanels()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        ConnectionPanel panel = tab.Connection;

        await panel.DisconnectButton.ClickAsync();

        await Expect(panel.Offline).ToBeVisibleAsync();
        await Expect(page.GetByTestId("bucket-live-panel")).ToHaveCountAsync(0);
    }
}
