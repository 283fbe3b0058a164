using System.Globalization;
using System.Threading.RateLimiting;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.RateLimiting;

namespace IcaKms.Web.Portal;

/// <summary>
/// The HTTP side of the per-user limits (<see cref="PortalRateLimitOptions"/>): the credential hand-off endpoint takes
/// at most <see cref="PortalRateLimitOptions.CredentialChecksPerMinute"/> posts per user (signed-in name, else client
/// address) per minute, and answers 429 with a message and <c>Retry-After</c> beyond that. The circuit checks the same
/// limit before it asks the browser to post (<see cref="PerUserRateLimits"/>), so a person sees the message in the page;
/// this policy stops a script posting directly.
/// </summary>
public static class CredentialHandoffRateLimit
{
    /// <summary>The policy of the credential hand-off endpoint.</summary>
    public const string CredentialChecksPolicy = "credential-checks";

    /// <summary>Adds ASP.NET Core's rate limiter with the credential-check policy (no limit unless configured).</summary>
    public static IServiceCollection AddCredentialHandoffRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        int? perMinute = configuration.GetSection(PortalRateLimitOptions.Section).Get<PortalRateLimitOptions>()?.CredentialChecksPerMinute;
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(CredentialChecksPolicy, context =>
            {
                string partition = new PortalUser(PortalAuthentication.UserName(context.User), null, context.Connection.RemoteIpAddress?.ToString()).Partition;
                return perMinute is { } limit and > 0
                    ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = PerUserRateLimits.Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(partition);
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                HttpResponse response = rejected.HttpContext.Response;
                TimeSpan? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : null;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.CacheControl = "no-store";
                if (retryAfter is { } after)
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(PerUserRateLimits.LimitMessage("credential checks", retryAfter), cancellationToken);
            };
        });
        return services;
    }
}
