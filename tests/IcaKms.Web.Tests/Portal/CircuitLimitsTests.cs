using IcaKms.Web.Portal;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Tests.Portal;

public class CircuitLimitsTests
{
    [Fact]
    public void TheHubAndCircuits_AreLimitedForASharedPortal()
    {
        // DetailedErrors=true, as a Development appsettings often has it: a shared portal still sends no details.
        using ServiceProvider services = Services(new Dictionary<string, string?> { ["DetailedErrors"] = "true" });

        HubOptions hub = services.GetRequiredService<IOptions<HubOptions>>().Value;
        CircuitOptions circuits = services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(1, hub.MaximumParallelInvocationsPerClient);
        Assert.False(hub.EnableDetailedErrors);
        Assert.False(circuits.DetailedErrors);
        Assert.Equal(10, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(DependencyInjection.MaxBrowserMessageBytes, hub.MaximumReceiveMessageSize);
        Assert.Null(services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxConcurrentUpgradedConnections);
    }

    [Fact]
    public void MaxConnections_CapsKestrelsWebSockets()
    {
        using ServiceProvider services = Services(new Dictionary<string, string?> { ["IcaKms:Circuits:MaxConnections"] = "200" });

        Assert.Equal(200, services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxConcurrentUpgradedConnections);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(new TestHostEnvironment());
        services.AddIcaKmsWeb(configuration);
        return services.BuildServiceProvider();
    }
}
