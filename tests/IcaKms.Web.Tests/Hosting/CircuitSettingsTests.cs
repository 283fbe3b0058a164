using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Tests.Hosting;

/// <summary>The operator's circuit settings (IcaKms:DisconnectedCircuit*) reach Blazor's circuit options.</summary>
public class CircuitSettingsTests
{
    private static CircuitOptions CircuitOptionsFrom(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddIcaKmsWeb(builder.Configuration);
        using WebApplication app = builder.Build();
        return app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
    }

    [Fact]
    public void Configured_RetentionAndMaxRetained_AreUsed()
    {
        CircuitOptions options = CircuitOptionsFrom(new()
        {
            ["IcaKms:DisconnectedCircuitRetention"] = "00:00:45",
            ["IcaKms:DisconnectedCircuitMaxRetained"] = "20",
        });

        Assert.Equal(TimeSpan.FromSeconds(45), options.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(20, options.DisconnectedCircuitMaxRetained);
    }

    [Fact]
    public void Unset_OrOutOfRange_FallsBackToTheDefaults()
    {
        CircuitOptions unset = CircuitOptionsFrom([]);
        CircuitOptions negative = CircuitOptionsFrom(new()
        {
            ["IcaKms:DisconnectedCircuitRetention"] = "-00:01:00",
            ["IcaKms:DisconnectedCircuitMaxRetained"] = "-1",
        });

        foreach (CircuitOptions options in new[] { unset, negative })
        {
            Assert.Equal(IcaKmsOptions.DefaultDisconnectedCircuitRetention, options.DisconnectedCircuitRetentionPeriod);
            Assert.Equal(IcaKmsOptions.DefaultDisconnectedCircuitMaxRetained, options.DisconnectedCircuitMaxRetained);
        }
    }
}
