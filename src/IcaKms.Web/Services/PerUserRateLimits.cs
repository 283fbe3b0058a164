using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Services;

/// <summary>The operator's per-user rate limits (configuration section <c>IcaKms:RateLimits</c>); null means no limit.</summary>
public sealed class PortalRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IcaKms:RateLimits";

    /// <summary>How many credential checks (connects, and posts to the credential hand-off) one user may make per minute.</summary>
    public int? CredentialChecksPerMinute { get; set; }

    /// <summary>How many live inspections one user may start per minute.</summary>
    public int? InspectionsPerMinute { get; set; }
}

/// <summary>
/// The per-user limits on what costs AWS calls: credential checks and inspections, each a fixed window of one minute per
/// <see cref="PortalUser.Partition"/> (the signed-in user, else the client's address), shared by every circuit of the
/// instance. Unlimited unless <see cref="PortalRateLimitOptions"/> sets a number.
/// </summary>
public sealed class PerUserRateLimits : IDisposable
{
    /// <summary>The window every limit counts in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _credentialChecks;
    private readonly PartitionedRateLimiter<string> _inspections;

    public PerUserRateLimits(IOptions<PortalRateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _credentialChecks = Limiter(options.Value.CredentialChecksPerMinute);
        _inspections = Limiter(options.Value.InspectionsPerMinute);
    }

    /// <summary>Takes one credential check for <paramref name="user"/>; a message for them when the limit is reached.</summary>
    public string? TakeCredentialCheck(PortalUser user) => Take(_credentialChecks, user, "credential checks");

    /// <summary>Takes one inspection for <paramref name="user"/>; a message for them when the limit is reached.</summary>
    public string? TakeInspection(PortalUser user) => Take(_inspections, user, "inspections");

    /// <summary>The message a person reads when they reached a limit.</summary>
    public static string LimitMessage(string what, TimeSpan? retryAfter) =>
        $"Too many {what} in a minute from you: this portal allows a few per minute per person. Try again in {Seconds(retryAfter)}.";

    public void Dispose()
    {
        _credentialChecks.Dispose();
        _inspections.Dispose();
    }

    /// <summary>A fixed window of <paramref name="perMinute"/> per partition, or no limit.</summary>
    internal static PartitionedRateLimiter<string> Limiter(int? perMinute) => PartitionedRateLimiter.Create<string, string>(key =>
        perMinute is { } limit and > 0
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(key));

    private static string? Take(PartitionedRateLimiter<string> limiter, PortalUser user, string what)
    {
        using RateLimitLease lease = limiter.AttemptAcquire(user.Partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        return LimitMessage(what, lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : null);
    }

    private static string Seconds(TimeSpan? wait) => wait is { } w && w > TimeSpan.Zero
        ? $"{Math.Max(1, (int)Math.Ceiling(w.TotalSeconds))} seconds"
        : "a minute";
}
