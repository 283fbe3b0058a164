using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Accessibility;

/// <summary>The skip link to the current step, and a visible outline on whatever the keyboard focuses.</summary>
[Collection(E2ECollection.Name)]
public sealed class FocusTests(AppServer app, BrowserFixture browser)
{
    // The outline drawn for the focused element: on it, or on the MudBlazor box that shows it (a field, a checkbox).
    private const string FocusRing = """
        () => {
            const focused = document.activeElement;
            if (!focused || focused === document.body) { return null; }
            const shown = [focused, focused.closest('.mud-input'), focused.parentElement?.closest('.mud-button-root')]
                .filter(e => e);
            for (const element of shown) {
                const style = getComputedStyle(element);
                if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
                    return style.outlineWidth + ' ' + style.outlineColor;
                }
            }
            return 'none on ' + focused.outerHTML.slice(0, 160);
        }
        """;

    private const int ControlsChecked = 25;

    [Fact]
    public async Task SkipLink_IsFirstFocusable_AndFocusesTheCurrentStepHeading()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        ILocator skipLink = page.GetByRole(AriaRole.Link, new() { Name = "Skip to the current step" });

        await page.Keyboard.PressAsync("Tab");
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeInViewportAsync();
        await wizard.SaveScreenshotAsync("focus-skip-link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(wizard.Bucket.Heading).ToBeFocusedAsync();

        await wizard.Bucket.FillAsync("my-lab-ica-data", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "ica/");
        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await skipLink.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(wizard.IamPolicy.Heading).ToBeFocusedAsync();
    }

    [Fact]
    public async Task EveryFocusedControl_ShowsAnOutlineOfAtLeastTwoPixels()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        var missing = new List<string>();
        for (int i = 0; i < ControlsChecked; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            string? ring = await page.EvaluateAsync<string?>(FocusRing);
            if (ring is not null && ring.StartsWith("none", StringComparison.Ordinal))
            {
                missing.Add(ring);
            }

            if (await wizard.Bucket.BucketName.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                await wizard.SaveScreenshotAsync("focus-text-field");
            }
        }

        Assert.Empty(missing);
    }
}
