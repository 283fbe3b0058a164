using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Net.Http.Headers;
using MudBlazor;

namespace IcaKms.Web.Components.Layout;

/// <summary>
/// The theme's CSS (the variables <see cref="MudThemeProvider"/> writes for <see cref="IcaKmsTheme.Theme"/>) as one
/// stylesheet, rendered once per process and linked from the page, instead of a <see cref="MudThemeProvider"/> in every
/// circuit: there it kept a ~58 KB string, its colour objects and a JS watch of the dark-mode preference per open tab.
/// The CSS is exactly what the provider renders (it is rendered by the provider), served brotli-compressed when the
/// browser accepts it, with a content hash in its URL so browsers keep it.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    /// <summary>The stylesheet's route.</summary>
    public const string Route = "/theme.css";

    private readonly Lazy<Task<Content>> _content = new(() => RenderAsync(scopes, loggers));

    /// <summary>The CSS, its compressed form and its versioned URL.</summary>
    /// <param name="Css">The style sheet text.</param>
    /// <param name="Brotli">The UTF-8 CSS compressed with brotli.</param>
    /// <param name="Version">A hash of the CSS, the ETag and the URL's <c>v</c>.</param>
    public sealed record Content(string Css, byte[] Brotli, string Version)
    {
        /// <summary>The URL to link: the route with the version, so a changed theme is a new URL.</summary>
        public string Href => $"{Route.TrimStart('/')}?v={Version}";
    }

    /// <summary>The stylesheet, rendered on first use.</summary>
    public Task<Content> GetAsync() => _content.Value;

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    /// <summary>The provider's markup is only style elements; their text, one after the other, is the sheet.</summary>
    internal static string CssOf(string providerMarkup) =>
        string.Join("\n", StyleElement().Matches(providerMarkup).Select(m => m.Groups[1].Value.Trim()));

    private static async Task<Content> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        string markup = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = IcaKmsTheme.Theme,
            });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });

        string css = CssOf(markup);
        byte[] utf8 = Encoding.UTF8.GetBytes(css);
        using var compressed = new MemoryStream();
        await using (var brotli = new BrotliStream(compressed, CompressionLevel.SmallestSize))
        {
            await brotli.WriteAsync(utf8);
        }

        string version = Convert.ToHexStringLower(SHA256.HashData(utf8))[..16];
        return new Content(css, compressed.ToArray(), version);
    }

    /// <summary>Serves the sheet at <see cref="Route"/>; kept a year when asked for by its current version.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, async (HttpContext context, ThemeStylesheet sheet) =>
        {
            Content content = await sheet.GetAsync();
            HttpResponse response = context.Response;
            string etag = $"\"{content.Version}\"";
            response.Headers.ETag = etag;
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            response.Headers.CacheControl = context.Request.Query["v"] == content.Version
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            response.ContentType = "text/css; charset=utf-8";
            if (AcceptsBrotli(context.Request))
            {
                response.Headers.ContentEncoding = "br";
                response.ContentLength = content.Brotli.Length;
                await response.Body.WriteAsync(content.Brotli);
            }
            else
            {
                await response.WriteAsync(content.Css);
            }
        });

    private static bool AcceptsBrotli(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("br", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);
}
