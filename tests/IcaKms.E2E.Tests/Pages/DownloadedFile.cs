using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>A file the browser downloaded: the name it offered and the bytes it saved.</summary>
/// <param name="SuggestedFileName">The file name the page gave the download.</param>
/// <param name="Content">The downloaded bytes, exactly as saved.</param>
public sealed record DownloadedFile(string SuggestedFileName, byte[] Content)
{
    /// <summary>Clicks <paramref name="trigger"/> and returns the download it starts (the app builds a Blob and clicks an anchor).</summary>
    public static async Task<DownloadedFile> CaptureAsync(IPage page, ILocator trigger)
    {
        IDownload download = await page.RunAndWaitForDownloadAsync(() => trigger.ClickAsync());
        string path = await download.PathAsync();
        string? failure = await download.FailureAsync();
        if (failure is not null)
        {
            throw new InvalidOperationException($"The download of {download.SuggestedFilename} failed: {failure}");
        }

        return new DownloadedFile(download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }
}
