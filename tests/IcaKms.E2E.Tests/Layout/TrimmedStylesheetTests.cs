using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Layout;

/// <summary>
/// The states no other screenshot stops at, for the trimmed MudBlazor stylesheet's check (which every screenshot runs,
/// see <see cref="TrimmedStylesheetCheck"/>): the region picker focused (MudSelect's markup over a native select, whose
/// list is the browser's own, so no popover) on a laptop and a phone.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TrimmedStylesheetTests(AppServer app, BrowserFixture browser)
{
    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone", 390, 844)]
    public async Task RegionPickerFocused_LooksTheSameWithTheFullMudBlazorSheet(string size, int width, int height)
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl, new ViewportSize { Width = width, Height = height });
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        await wizard.Bucket.Region.FocusAsync();
        await Expect(wizard.Bucket.Region).ToBeFocusedAsync();

        await wizard.SaveScreenshotAsync($"{size}-1-region-picker-focused");
        await Expect(wizard.Bucket.Region).ToBeFocusedAsync();
    }
}
