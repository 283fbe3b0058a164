using IcaKms.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>A page of the app: its path, the Playwright page driving it, and shared helpers.</summary>
public abstract class BasePage
{
    protected BasePage(IPage page, Uri baseUrl)
    {
        Page = page;
        BaseUrl = baseUrl;
    }

    /// <summary>The browser page.</summary>
    public IPage Page { get; }

    /// <summary>The app's root address.</summary>
    public Uri BaseUrl { get; }

    /// <summary>This page's path, relative to <see cref="BaseUrl"/>.</summary>
    public abstract string PagePath { get; }

    /// <summary>Navigates here and waits until the network is quiet (Blazor's circuit is up).</summary>
    public async Task GotoAsync()
    {
        IResponse? response = await Page.GotoAsync(
            new Uri(BaseUrl, PagePath).ToString(),
            new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        if (response is null || !response.Ok)
        {
            throw new InvalidOperationException($"GET {PagePath} answered {response?.Status.ToString() ?? "nothing"}.");
        }
    }

    /// <summary>The document's title.</summary>
    public Task<string> TitleAsync() => Page.TitleAsync();

    /// <summary>Saves a full-page screenshot to TestResults/screenshots/<paramref name="name"/>.png and returns its path.</summary>
    public async Task<string> SaveScreenshotAsync(string name)
    {
        string path = RepoPaths.Screenshot(name);
        // The fixed app bar drawn at the top of the document, not wherever the page happened to be scrolled.
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Style = PinnedAppBar });
        return path;
    }

    private const string PinnedAppBar = ".mud-appbar { position: absolute !important; }";
}
