using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;

namespace IcaKms.Web.Portal;

/// <summary>How many circuits one instance holds (configuration section <c>IcaKms:Circuits</c>).</summary>
public sealed class PortalCircuitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IcaKms:Circuits";

    /// <summary>
    /// The most WebSocket connections (one per open tab) Kestrel holds at once; null for no limit. Each circuit keeps the
    /// wizard's state in memory, so this bounds the memory a shared portal can be made to spend.
    /// </summary>
    public long? MaxConnections { get; set; }
}

/// <summary>
/// The circuit and hub limits of a shared portal, set here rather than left to defaults or to Development's settings:
/// one hub invocation at a time per browser, no exception details sent to browsers, at most ten render batches
/// waiting for a slow browser, the keep-alive and timeout SignalR's client expects, and an optional cap on open
/// connections. How long a disconnected circuit is kept, and how many, are tuned elsewhere (memory per circuit).
/// </summary>
public static class PortalCircuitLimits
{
    /// <summary>Applies the limits.</summary>
    public static IServiceCollection AddPortalCircuitLimits(this IServiceCollection services, IConfiguration configuration)
    {
        long? maxConnections = configuration.GetSection(PortalCircuitOptions.Section).Get<PortalCircuitOptions>()?.MaxConnections;
        services.Configure<HubOptions>(options =>
        {
            options.MaximumParallelInvocationsPerClient = 1;
            options.EnableDetailedErrors = false;
            options.KeepAliveInterval = TimeSpan.FromSeconds(15);
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
            options.HandshakeTimeout = TimeSpan.FromSeconds(15);
        });
        services.Configure<CircuitOptions>(options =>
        {
            options.DetailedErrors = false;
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
        });
        if (maxConnections is > 0)
        {
            services.Configure<KestrelServerOptions>(options => options.Limits.MaxConcurrentUpgradedConnections = maxConnections);
        }

        return services;
    }
}
