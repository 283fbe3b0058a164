using System.Collections.Concurrent;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Smoke;

[Collection(E2ECollection.Name)]
public sealed class HomePageTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task HomePage_LoadsWithTitle_AndCallsOnlyLoopback()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var urls = new ConcurrentQueue<string>();
        page.Request += (_, request) => urls.Enqueue(request.Url);
        page.WebSocket += (_, socket) => urls.Enqueue(socket.Url);
        var home = new HomePage(page, app.BaseUrl);

        await home.GotoAsync();
        string title = await home.TitleAsync();
        await home.SaveScreenshotAsync("home");

        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.Equal("127.0.0.1", new Uri(url).Host));
    }
}
