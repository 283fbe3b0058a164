using IcaKms.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Layout;

/// <summary><see cref="PngPixels"/> reads Chromium's screenshots right, and tells a moved box from the same page.</summary>
[Collection(E2ECollection.Name)]
public sealed class PngPixelsTests(AppServer app, BrowserFixture browser)
{
    private static string Markup(int left) =>
        $"<body style=\"margin:0;background:rgb(10,20,30)\"><div style=\"position:absolute;left:{left}px;top:40px;width:60px;height:30px;"
        + "background:rgb(200,100,50)\"></div><p style=\"position:absolute;top:100px;color:white;font:16px sans-serif\">Text</p></body>";

    [Fact]
    public async Task Decode_ReadsAScreenshotsPixels_AndCountDifferences_SeesAOnePixelMove()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl, new ViewportSize { Width = 320, Height = 200 });
        await using IBrowserContext context = page.Context;

        await page.SetContentAsync(Markup(left: 20));
        PngPixels first = PngPixels.Decode(await page.ScreenshotAsync());
        PngPixels again = PngPixels.Decode(await page.ScreenshotAsync());
        await page.SetContentAsync(Markup(left: 21));
        PngPixels moved = PngPixels.Decode(await page.ScreenshotAsync());

        Assert.Equal((320, 200), (first.Width, first.Height));
        Assert.Equal([200, 100, 50], Pixel(first, 30, 50));
        Assert.Equal([10, 20, 30], Pixel(first, 200, 10));
        Assert.Equal([10, 20, 30], Pixel(first, 319, 199));
        Assert.Equal(0, first.CountDifferences(again, tolerance: 0));
        // The box's left and right columns change: 2 × 30 pixels.
        Assert.Equal(60, first.CountDifferences(moved, tolerance: 2));
    }

    private static byte[] Pixel(PngPixels pixels, int x, int y) =>
        pixels.Samples.AsSpan((y * pixels.Width + x) * pixels.Channels, 3).ToArray();
}
