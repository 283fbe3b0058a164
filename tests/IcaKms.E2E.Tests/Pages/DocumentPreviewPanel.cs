using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>One generated document as a step shows it: the preview, its Copy button and its Download button.</summary>
public sealed class DocumentPreviewPanel(IPage page, string fileName)
{
    /// <summary>The file the document downloads as, e.g. <c>iam-policy.json</c>.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The preview text (a <c>pre</c>, whose aria-label is not exposed without a role: hence the test id).</summary>
    public ILocator Preview => page.Locator($"pre[data-testid='preview-{FileName}']");

    public ILocator CopyButton => page.GetByRole(AriaRole.Button, new() { Name = $"Copy {FileName}", Exact = true });

    public ILocator DownloadButton => page.GetByRole(AriaRole.Button, new() { Name = $"Download {FileName}", Exact = true });

    /// <summary>The preview's text, exactly as shown.</summary>
    public async Task<string> TextAsync() => await Preview.TextContentAsync() ?? string.Empty;

    /// <summary>Clicks Download and returns the downloaded file.</summary>
    public Task<DownloadedFile> DownloadAsync() => DownloadedFile.CaptureAsync(page, DownloadButton);
}
