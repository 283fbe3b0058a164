using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.E2E.Tests.Wizard;
using IcaKms.FakeAws;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>The app works under its Content-Security-Policy: every step, offline and connected, with no violation.</summary>
[Collection(E2ECollection.Name)]
public sealed class ContentSecurityPolicyTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task Page_SendsAPolicyOfScriptsAndConnectionsToSelfOnly()
    {
        using HttpResponseMessage response = await app.Http.GetAsync("");

        string policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (string directive in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'" })
        {
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        }

        Assert.Contains($"connect-src 'self' ws://{app.BaseUrl.Authority} wss://{app.BaseUrl.Authority}", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryStep_OfflineAndConnected_RunsWithoutAViolation()
    {
        WalkthroughScenario scenario = WalkthroughScenario.Unversioned;
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        CspViolations violations = await CspViolations.WatchAsync(page);
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        // Offline: every step, with the region picker, the previews, the copy buttons and a download.
        await wizard.Bucket.SelectRegionAsync(scenario.Region.DisplayName);
        await wizard.Bucket.FillAsync(scenario.BucketName, scenario.KeyArn, scenario.KeyPrefix);
        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await wizard.IamPolicy.ChooseVariantAsync(scenario.Variant);
        await wizard.IamPolicy.Policy.DownloadAsync();
        await wizard.NextAsync();
        await wizard.IcaConfiguration.ExpectActiveAsync();
        await wizard.IcaConfiguration.FillAsync(scenario.ConfigurationName, scenario.Description);
        await wizard.NextAsync();
        await wizard.CrossAccount.ExpectActiveAsync();
        await wizard.CrossAccount.SetCrossAccountCopyAsync(true);
        await wizard.NextAsync();
        await wizard.Review.ExpectActiveAsync();
        await wizard.Review.DownloadAllAsync();

        // Connected: the credential post, an inspection, plans and the review's live checks.
        Assert.Empty(await violations.AllAsync());
        for (int step = 0; step < 4; step++)
        {
            await wizard.PreviousAsync();
        }

        await wizard.Bucket.ExpectActiveAsync();
        await new ConnectionPanel(page).ConnectAsync(FakeAwsScenario.DefaultAccessKeyId, "CspTestSecret/0123456789", "CspTestToken");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
        await Expect(page.GetByTestId("live-bucket-encryption")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var bucketPlan = new PlanPanelPage(page, "bucket");
        await bucketPlan.PlanAsync();
        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await wizard.NextAsync();
        await wizard.NextAsync();
        await wizard.CrossAccount.ExpectActiveAsync();
        await new PlanPanelPage(page, "keypolicy").PlanAsync();
        await wizard.NextAsync();
        await wizard.Review.ExpectActiveAsync();
        await page.GetByTestId("run-live-checks").ClickAsync();
        await Expect(wizard.Review.Check("region")).ToBeVisibleAsync();
        await wizard.SaveScreenshotAsync("csp-review-connected");

        Assert.Empty(await violations.AllAsync());
    }
}
