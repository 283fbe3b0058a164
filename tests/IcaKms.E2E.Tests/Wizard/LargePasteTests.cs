using System.Text.RegularExpressions;
using IcaKms.Core.Policies;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Wizard;

/// <summary>
/// A big paste into the policy box never drops the circuit: up to the box's limit it is checked, beyond it the
/// browser sends at most one character more and the message beside the box says so.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class LargePasteTests(AppServer app, BrowserFixture browser)
{
    private static readonly Regex TooLong = new("too long: at most 65,536 characters", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(40_000)]
    [InlineData(70_000)]
    public async Task PolicyBox_KeepsCircuitAlive_WhenLargeTextPasted(int length)
    {
        WalkthroughScenario scenario = WalkthroughScenario.Unversioned;
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.FillAsync(scenario.BucketName, scenario.KeyArn, scenario.KeyPrefix);
        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await page.GetByText("Check a policy I already have").ClickAsync();
        ILocator box = page.Locator("textarea[data-testid=pasted-policy]");

        // The spec's policy padded with tabs (whitespace IAM does not count), each sent JSON-escaped as two bytes ("\t").
        string policy = PolicyJson.Serialize(IcaIamPolicy.Create(scenario.BucketName, scenario.KeyArn, PolicyVariant.Unversioned));
        string text = policy.Insert(1, new string('\t', length - policy.Length));
        await box.FillAsync(text);

        // The circuit still answers: switching the variant re-renders text the server writes.
        await wizard.IamPolicy.ChooseVariantAsync(PolicyVariant.Versioned);
        await Expect(page.GetByText("against the versioned policy", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        if (length <= 65_536)
        {
            await Expect(page.Locator("[data-testid=summary-pasted]")).ToBeVisibleAsync();
            await Expect(wizard.IamPolicy.FieldBox(box)).Not.ToContainTextAsync(TooLong);
        }
        else
        {
            await Expect(wizard.IamPolicy.FieldBox(box)).ToContainTextAsync(TooLong);
            await Expect(page.Locator("[data-testid=summary-pasted]")).ToHaveCountAsync(0);
            Assert.True(await box.EvaluateAsync<int>("e => e.value.length") <= 65_537);
        }
    }
}
