using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;

namespace IcaKms.Circuits;

/// <summary>
/// Time to interactive in a real browser: headless Chromium opens the page in a fresh context (empty cache, so every
/// script and style is downloaded), and the time runs from the navigation until the browser acknowledges the circuit's
/// first render batch (the OnRenderCompleted message blazor.web.js sends once the batch is applied to the page).
/// </summary>
internal static class BrowserLoad
{
    private static readonly byte[] RenderCompleted = Encoding.ASCII.GetBytes("OnRenderCompleted");

    /// <summary>One unmeasured load (the server's first use of the page), then <paramref name="count"/> timed ones.</summary>
    public static async Task<IReadOnlyList<TimeSpan>> MeasureAsync(string chromium, Uri baseUri, string path, int count, CancellationToken cancellation)
    {
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var times = new List<TimeSpan>(count);
        for (int i = 0; i <= count; i++)
        {
            TimeSpan time = await LoadOnceAsync(browser, new Uri(baseUri, path.TrimStart('/')), cancellation);
            if (i > 0)
            {
                times.Add(time);
            }
        }

        return times;
    }

    private static async Task<TimeSpan> LoadOnceAsync(IBrowser browser, Uri url, CancellationToken cancellation)
    {
        await using IBrowserContext context = await browser.NewContextAsync();
        IPage page = await context.NewPageAsync();
        var acknowledged = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            if (frame.Binary is { } bytes && bytes.AsSpan().IndexOf(RenderCompleted) >= 0)
            {
                acknowledged.TrySetResult(Stopwatch.GetTimestamp());
            }
        };
        long started = Stopwatch.GetTimestamp();
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        long done = await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellation);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started, done);
        await page.CloseAsync();
        return elapsed;
    }
}
