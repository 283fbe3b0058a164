using Microsoft.AspNetCore.SignalR;
using Microsoft.Azure.SignalR;

namespace IcaKms.Web.Portal;

/// <summary>
/// Running on more than one server. Behind a load balancer with sticky sessions nothing more is needed (the keys are
/// shared, see <see cref="PortalDataProtection"/>). Beyond that, Azure SignalR Service carries the circuits' connections
/// when <see cref="ConnectionStringKey"/> is set (Microsoft's package, sticky mode required as Blazor Server needs);
/// otherwise nothing changes.
/// </summary>
public static class PortalScaleOut
{
    /// <summary>The configuration key of the Azure SignalR Service connection string (the package's own default key).</summary>
    public const string ConnectionStringKey = "Azure:SignalR:ConnectionString";

    /// <summary>Adds Azure SignalR Service when its connection string is configured.</summary>
    public static IServiceCollection AddPortalScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionStringKey]))
        {
            services.AddSignalR().AddAzureSignalR(options => options.ServerStickyMode = ServerStickyMode.Required);
        }

        return services;
    }

    /// <summary>The service's endpoint (from <c>Endpoint=…;</c> in the connection string), which the browser connects to; null when off.</summary>
    public static Uri? ServiceEndpoint(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? endpoint = configuration[ConnectionStringKey]?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals("Endpoint", StringComparison.OrdinalIgnoreCase))?[1];
        return Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) ? uri : null;
    }
}
