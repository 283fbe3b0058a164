using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Layout;

/// <summary>
/// The states no other screenshot stops at, for the trimmed MudBlazor stylesheet's check (which every screenshot runs,
/// see <see cref="TrimmedStylesheetCheck"/>): the region list open (popover, list, overlay) on a laptop and a phone.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TrimmedStylesheetTests(AppServer app, BrowserFixture browser)
{
    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone", 390, 844)]
    public async Task RegionListOpen_LooksTheSameWithTheFullMudBlazorSheet(string size, int width, int height)
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl, new ViewportSize { Width = width, Height = height });
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        await wizard.Bucket.Region.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();

        await wizard.SaveScreenshotAsync($"{size}-1-region-list-open");
        await Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
    }
}
