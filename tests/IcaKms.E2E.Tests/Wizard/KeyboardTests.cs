using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Wizard;

/// <summary>The Bucket step works without a mouse.</summary>
[Collection(E2ECollection.Name)]
public sealed class KeyboardTests(AppServer app, BrowserFixture browser)
{
    // Enough for the Start over button, the five step tabs and the region picker before the first field.
    private const int MaxTabPresses = 30;

    [Fact]
    public async Task BucketStep_FilledAndAdvancedWithKeyboardOnly_ReachesIamPolicy()
    {
        WalkthroughScenario scenario = WalkthroughScenario.Unversioned;
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        await TabUntilFocusedAsync(page, wizard.Bucket.BucketName);
        await page.Keyboard.TypeAsync(scenario.BucketName);
        await page.Keyboard.PressAsync("Tab");
        await Expect(wizard.Bucket.KeyArn).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(scenario.KeyArn);
        await page.Keyboard.PressAsync("Tab");
        await Expect(wizard.Bucket.KeyPrefix).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(scenario.KeyPrefix);
        await Expect(wizard.Bucket.BucketName).ToHaveValueAsync(scenario.BucketName);
        await Expect(wizard.Bucket.KeyArn).ToHaveValueAsync(scenario.KeyArn);
        await Expect(wizard.Bucket.KeyPrefix).ToHaveValueAsync(scenario.KeyPrefix);
        await TabUntilFocusedAsync(page, wizard.NextButton);
        await page.Keyboard.PressAsync("Enter");

        await wizard.IamPolicy.ExpectActiveAsync();
    }

    private static async Task TabUntilFocusedAsync(IPage page, ILocator target)
    {
        for (int presses = 0; presses < MaxTabPresses; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        string focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        throw new InvalidOperationException($"{target} was not reached in {MaxTabPresses} Tab presses; focus is on {focused}.");
    }
}
