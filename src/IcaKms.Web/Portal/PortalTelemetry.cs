using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IcaKms.Web.Portal;

/// <summary>
/// OpenTelemetry for operators: traces and metrics of ASP.NET Core, outgoing HTTP (the AWS calls among them) and the
/// app's own spans and counters (<see cref="IcaKmsTelemetry"/>), exported over OTLP when <see cref="EndpointKey"/> is
/// set (as an environment variable or any configuration source; the exporter reads the other standard <c>OTEL_*</c>
/// settings, such as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, itself). Without it, OpenTelemetry is not registered at all.
/// </summary>
public static class PortalTelemetry
{
    /// <summary>The standard setting that switches the export on.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name in the exported resource (unless <c>OTEL_SERVICE_NAME</c> says otherwise).</summary>
    public const string ServiceName = "IcaKms";

    /// <summary>Counts circuits open, and exports over OTLP when an endpoint is configured.</summary>
    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenCircuitsCounter>());
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey]))
        {
            return services;
        }

        services.AddIcaKmsInstrumentation()
            .WithTracing(tracing => tracing.AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddOtlpExporter());
        return services;
    }

    /// <summary>OpenTelemetry with every source and meter the portal reports, and no exporter (the caller adds one).</summary>
    public static OpenTelemetryBuilder AddIcaKmsInstrumentation(this IServiceCollection services) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(IcaKmsTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(IcaKmsTelemetry.Name));
}

/// <summary>Keeps <c>icakms.circuits.open</c>: +1 when a circuit opens, -1 when it closes.</summary>
internal sealed class OpenCircuitsCounter(IcaKmsTelemetry telemetry) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitOpened(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitOpened(-1);
        return Task.CompletedTask;
    }
}
