using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Wizard;

/// <summary>"Copy" puts the document on the real clipboard and says so.</summary>
[Collection(E2ECollection.Name)]
public sealed class ClipboardTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task CopyIamPolicy_PutsPreviewOnClipboard_AndConfirms()
    {
        WalkthroughScenario scenario = WalkthroughScenario.Unversioned;
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        await context.GrantPermissionsAsync(
            ["clipboard-read", "clipboard-write"],
            new BrowserContextGrantPermissionsOptions { Origin = app.BaseUrl.GetLeftPart(UriPartial.Authority) });
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.FillAsync(scenario.BucketName, scenario.KeyArn, scenario.KeyPrefix);
        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await Expect(wizard.IamPolicy.Policy.Preview).ToHaveTextAsync(scenario.ExpectedIamPolicy);
        string preview = await wizard.IamPolicy.Policy.TextAsync();

        await wizard.IamPolicy.Policy.CopyButton.ClickAsync();

        await Expect(wizard.Snackbar("Copied iam-policy.json to the clipboard")).ToBeVisibleAsync();
        string clipboard = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(preview, clipboard);
        Assert.Equal(scenario.ExpectedIamPolicy, clipboard);
    }
}
