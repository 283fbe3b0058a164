using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the collection, driven by Playwright's bundled driver.
/// The browser is never downloaded: scripts/test.sh installs it with apt-get.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package puts the browser here.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missingBrowser;

    /// <summary>The running browser; throws, failing the test, when Chromium is not installed.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException(_missingBrowser ?? "The browser has not started.");

    public async Task InitializeAsync()
    {
        // CHROMIUM_PATH lets a machine with the browser elsewhere run the tests.
        string chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } custom ? custom : DefaultChromiumPath;
        if (!File.Exists(chromium))
        {
            // Reported by each browser test when it asks for a page (they fail, never skip); tests without a browser still run.
            _missingBrowser = $"Chromium not found at {chromium}. Run scripts/test.sh, which installs it " +
                "(apt-get install chromium), or set CHROMIUM_PATH.";
            return;
        }

        // Every Expect waits for the state it asserts; 5 s (Playwright's default) was too short for a sign-in's redirects
        // through the OpenID provider on a 2-core machine with one core kept busy (CI's stress run): 15 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // No sandbox as root in CI; no GPU; and no calls home, which this machine's closed network refuses.
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    /// <summary>
    /// A page in a fresh context (no shared cookies or storage) whose relative URLs resolve against <paramref name="baseUrl"/>,
    /// 1280 × 800 unless <paramref name="viewport"/> says otherwise.
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, ViewportSize? viewport = null)
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
