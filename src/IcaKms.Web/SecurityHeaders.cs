using IcaKms.Web.Portal;
using Microsoft.Extensions.Options;

namespace IcaKms.Web;

/// <summary>
/// Response headers for a page where people paste AWS credentials: a Content-Security-Policy that lets the page run
/// only its own scripts and talk only to its own server, no framing by other sites (clickjacking), no MIME sniffing,
/// no referrer leaving the portal, and no caching of pages.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        PortalAuthenticationOptions authentication = app.ApplicationServices.GetRequiredService<IOptions<PortalAuthenticationOptions>>().Value;
        string? signIn = authentication.IsEnabled ? Origin(authentication.Authority!) : null;
        Uri? azureSignalR = PortalScaleOut.ServiceEndpoint(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                IHeaderDictionary headers = context.Response.Headers;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request.Host, signIn, azureSignalR);
                if (!context.Request.Path.StartsWithSegments("/_framework") && !context.Request.Path.StartsWithSegments("/_content")
                    && string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    /// <summary>
    /// The policy. Scripts: this server's files only (blazor.web.js, MudBlazor.min.js, icakms.js; no inline script, no
    /// eval). Connections: this server, including its WebSocket (ws/wss of the same host, for browsers whose
    /// <c>'self'</c> does not cover WebSockets), and Azure SignalR Service when it carries the circuits. Styles: this
    /// server's files and inline styles, because MudBlazor writes <c>style</c> attributes (component parameters,
    /// popover placement) and its theme provider renders a <c>&lt;style&gt;</c> element of CSS variables; styles
    /// cannot run code. Images and fonts: this server and data: URLs (the empty favicon). Forms: this server, and the
    /// OpenID provider that signing out redirects to. No plugins, no base URL change, no framing.
    /// </summary>
    internal static string ContentSecurityPolicy(HostString host, string? signInOrigin, Uri? azureSignalR)
    {
        string connect = $"'self' ws://{host} wss://{host}";
        if (azureSignalR is not null)
        {
            connect += $" https://{azureSignalR.Authority} wss://{azureSignalR.Authority}";
        }

        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            $"connect-src {connect}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            signInOrigin is null ? "form-action 'self'" : $"form-action 'self' {signInOrigin}",
            "frame-ancestors 'none'");
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
