using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IcaKms.Web.Portal;

/// <summary>The reverse proxies the portal trusts (configuration section <c>IcaKms:ForwardedHeaders</c>).</summary>
public sealed class PortalProxyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IcaKms:ForwardedHeaders";

    /// <summary>The proxies' addresses (e.g. <c>10.0.0.5</c>).</summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>The proxies' networks in CIDR notation (e.g. <c>10.0.0.0/24</c>).</summary>
    public IReadOnlyList<string> KnownNetworks { get; set; } = [];

    /// <summary>Whether any proxy is configured.</summary>
    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>
/// Behind a TLS-terminating proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the
/// configured proxies (so the per-user limits see the client's address, and the app knows the page is HTTPS), and HSTS
/// tells browsers to use HTTPS only (outside Development; ASP.NET Core sends it on HTTPS responses only).
/// </summary>
public static class PortalProxySupport
{
    /// <summary>Configures the forwarded headers from the known proxies and HSTS (one year).</summary>
    public static IServiceCollection AddPortalProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(PortalProxyOptions.Section);
        services.Configure<PortalProxyOptions>(section);
        PortalProxyOptions settings = section.Get<PortalProxyOptions>() ?? new();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (string proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (string network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Applies forwarded headers from the known proxies (when configured) and HSTS (outside Development).</summary>
    public static WebApplication UsePortalProxySupport(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalProxyOptions>>().Value.IsEnabled)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
