using IcaKms.FakeAws;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Live;

/// <summary>What a person sees when AWS (or something in front of it) answers badly.</summary>
[Collection(E2ECollection.Name)]
public sealed class AwsErrorTests(AppServer app, BrowserFixture browser)
{
    private const string Secret = "E2eErrorSecretValue/0123456789";
    private const string Token = "E2eErrorTokenMarkerQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789";

    private FakeAwsScenario Scenario => app.Aws.Scenario;

    [Fact]
    public async Task AnErrorQuotingTheRequest_IsShownWithoutAnyCredential()
    {
        await using WizardTab tab = await WizardTab.OpenAsync(browser, app.BaseUrl);
        IPage page = tab.Page;
        ConnectionPanel panel = tab.Connection;
        await panel.OpenButton.ClickAsync();
        await panel.AccessKeyId.FillAsync(FakeAwsScenario.DefaultAccessKeyId);
        await panel.SecretAccessKey.FillAsync(Secret);
        await panel.SessionToken.FillAsync(Token);

        app.Aws.Fault = FakeAwsFault.EchoRequest;
        try
        {
            await panel.ConnectButton.ClickAsync();
            ILocator alert = page.GetByTestId("connection-panel").GetByRole(AriaRole.Alert);
            await Expect(alert).ToContainTextAsync("IncompleteSignature");
        }
        finally
        {
            app.Aws.Fault = FakeAwsFault.None;
        }

        string html = await page.ContentAsync();
        Assert.DoesNotContain(FakeAwsScenario.DefaultAccessKeyId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", html, StringComparison.Ordinal);
        await Expect(panel.Offline).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AProxysErrorPage_IsOneReadableLine_NotItsMarkup()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        await wizard.Bucket.FillAsync(Scenario.BucketName, Scenario.DefaultKeyArn, "ica/");

        app.Aws.Fault = FakeAwsFault.HtmlErrorPage;
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
            await Expect(page.GetByTestId("live-key-resolves")).ToContainTextAsync("with a web page, not an AWS response");
        }
        finally
        {
            app.Aws.Fault = FakeAwsFault.None;
        }

        string checks = await page.GetByTestId("live-checks").InnerTextAsync();
        Assert.DoesNotContain("<", checks, StringComparison.Ordinal);
        Assert.DoesNotContain("nginx", checks, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", checks, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("HTTP 502, HTTP 502", checks, StringComparison.Ordinal);
        Assert.Contains("HTTP 502", checks, StringComparison.Ordinal);
        await wizard.SaveScreenshotAsync("live-proxy-error-page");
    }

    [Fact]
    public async Task AnEndpointThatNeverAnswers_EndsWithAClearMessage_AndTheWizardStaysUsable()
    {
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        await wizard.Bucket.FillAsync(Scenario.BucketName, Scenario.DefaultKeyArn, "ica/");

        app.Aws.HoldRequests();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();

            // The app runs with a 3 s timeout and one retry (AppServer): each call gives up after two attempts, or at its
            // 8 s deadline when a loaded machine stretches the back-off; both say so in the same words.
            await Expect(page.GetByTestId("live-bucket-region")).ToContainTextAsync("got no answer within", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("live-bucket-region")).ToContainTextAsync("check the network, the proxy or the endpoint URL");
        }
        finally
        {
            app.Aws.ReleaseRequests();
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" })).ToBeEnabledAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}
