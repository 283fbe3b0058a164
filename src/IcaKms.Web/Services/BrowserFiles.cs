using System.Text;
using Microsoft.JSInterop;

namespace IcaKms.Web.Services;

/// <summary>The browser's clipboard and downloads, through <c>wwwroot/js/icakms.js</c>.</summary>
public sealed class BrowserFiles(IJSRuntime js)
{
    /// <summary>Copies text to the clipboard; false when the browser refused.</summary>
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            return await js.InvokeAsync<bool>("icakms.copyText", text);
        }
        catch (JSException)
        {
            return false;
        }
    }

    /// <summary>Offers a JSON document as a <c>.json</c> download.</summary>
    public Task DownloadJsonAsync(string fileName, string json) =>
        DownloadAsync(fileName, "application/json", Encoding.UTF8.GetBytes(json));

    /// <summary>Offers bytes as a download.</summary>
    public async Task DownloadAsync(string fileName, string contentType, byte[] content) =>
        await js.InvokeVoidAsync("icakms.download", fileName, contentType, content);
}
