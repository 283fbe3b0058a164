using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IcaKms.Web.Portal;

/// <summary>
/// Health checks for orchestrators: <c>/healthz/live</c> answers while the process serves requests (restart it when it
/// stops), <c>/healthz/ready</c> also needs the Data Protection key ring readable (send it users only then), and
/// <c>/healthz</c> runs every check. None of them needs sign-in.
/// </summary>
public static class PortalHealthChecks
{
    /// <summary>The tag of the checks readiness runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the checks.</summary>
    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DataProtectionKeyRingCheck>("data-protection-keys", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps <c>/healthz</c>, <c>/healthz/live</c> and <c>/healthz/ready</c>.</summary>
    public static IEndpointRouteBuilder MapPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return endpoints;
    }

    // The overall status on the first line ("Healthy" alone when all is well), then one line per check that is not
    // healthy with what is wrong, so an operator reading the probe sees the cause, not just "Degraded".
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        IEnumerable<string> problems = report.Entries
            .Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Status}: {entry.Value.Description}");
        return context.Response.WriteAsync(string.Join("\n", problems.Prepend(report.Status.ToString())));
    }
}

/// <summary>Ready when a payload protected with the key ring unprotects again (the keys' store can be read and written).</summary>
internal sealed class DataProtectionKeyRingCheck(IDataProtectionProvider provider) : IHealthCheck
{
    private const string Probe = "IcaKms readiness probe";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            IDataProtector protector = provider.CreateProtector("IcaKms.Readiness");
            return Task.FromResult(protector.Unprotect(protector.Protect(Probe)) == Probe
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The Data Protection key ring gave back another payload."));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The Data Protection key ring cannot be used: {ex.GetType().Name}."));
        }
    }
}
