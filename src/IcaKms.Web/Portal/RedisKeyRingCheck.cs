using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace IcaKms.Web.Portal;

/// <summary>
/// Readiness of the Redis that holds the key ring (<see cref="RedisKeyRing"/>). Redis away is Degraded, not Unhealthy:
/// the keys already in memory still serve this instance's users (an orchestrator that pulled every instance at once for
/// a Redis blip would cause the outage it fears), but new keys cannot be shared, so it says so. Redis back but empty
/// (restarted without persistence): the ring is put back from memory, and the check says it did.
/// </summary>
internal sealed class RedisKeyRingCheck(RedisKeyRing ring) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await ring.PingAsync(timeout.Token);
            int restored = ring.Restore();
            if (restored > 0)
            {
                return HealthCheckResult.Degraded(
                    $"Redis at {ring.Endpoint} had lost the Data Protection key ring (restarted without persistence?): this instance put back {restored} key element(s) it holds that the ring lacked.");
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when ((ex is RedisException or TimeoutException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded(
                $"Redis at {ring.Endpoint} does not answer ({ex.GetType().Name}): the keys this instance holds still serve its users, but new keys cannot be shared with other instances until it is back.");
        }
    }
}
