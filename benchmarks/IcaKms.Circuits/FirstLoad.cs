using System.Net;
using System.Text.RegularExpressions;

namespace IcaKms.Circuits;

/// <summary>Bytes a browser downloads for the first load of a page: the page and the styles and scripts it references.</summary>
/// <param name="EncodedBytes">Response bodies as served (compressed where the server compresses).</param>
/// <param name="Requests">Page plus distinct referenced assets.</param>
/// <param name="Assets">Each URL with its encoded size and Content-Encoding.</param>
internal sealed record FirstLoadResult(long EncodedBytes, int Requests, IReadOnlyList<string> Assets);

internal static partial class FirstLoad
{
    [GeneratedRegex("""<link\b[^>]*\bhref="([^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("""<script\b[^>]*\bsrc="([^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("""\brel="([^"]+)"|\brel=([^\s>]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex RelPattern();

    public static async Task<FirstLoadResult> MeasureAsync(Uri baseUri, string path, CancellationToken cancellation)
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var pageUri = new Uri(baseUri, path.TrimStart('/'));
        (byte[] page, string pageEncoding) = await GetAsync(http, pageUri, cancellation);
        // The page itself is small and not compressed by these apps; read its markup (decompressed if it was not).
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string html = await plain.GetStringAsync(pageUri, cancellation);
        var urls = new List<Uri>();
        foreach (Match link in LinkPattern().Matches(html))
        {
            Match rel = RelPattern().Match(link.Value);
            string relValue = rel.Success ? (rel.Groups[1].Success ? rel.Groups[1].Value : rel.Groups[2].Value) : "";
            if (relValue is "stylesheet" or "icon" or "modulepreload" or "preload")
            {
                Add(urls, pageUri, link.Groups[1].Value);
            }
        }

        foreach (Match script in ScriptPattern().Matches(html))
        {
            Add(urls, pageUri, script.Groups[1].Value);
        }

        long total = page.Length;
        var assets = new List<string> { $"{pageUri.AbsolutePath} {page.Length} B {pageEncoding}" };
        foreach (Uri url in urls)
        {
            (byte[] body, string encoding) = await GetAsync(http, url, cancellation);
            total += body.Length;
            assets.Add($"{url.AbsolutePath} {body.Length} B {encoding}");
        }

        return new FirstLoadResult(total, urls.Count + 1, assets);
    }

    private static void Add(List<Uri> urls, Uri pageUri, string href)
    {
        if (href.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var url = new Uri(pageUri, WebUtility.HtmlDecode(href));
        if (url.Host == pageUri.Host && !urls.Contains(url))
        {
            urls.Add(url);
        }
    }

    private static async Task<(byte[] Body, string Encoding)> GetAsync(HttpClient http, Uri url, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using HttpResponseMessage response = await http.SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellation);
        string encoding = string.Join(",", response.Content.Headers.ContentEncoding);
        return (body, encoding.Length == 0 ? "identity" : encoding);
    }
}
