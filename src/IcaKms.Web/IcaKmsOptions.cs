using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters.Ica;

namespace IcaKms.Web;

/// <summary>The operator's settings (configuration section <c>IcaKms</c>).</summary>
public sealed class IcaKmsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IcaKms";

    /// <summary>
    /// Whether users may connect with the server's own AWS credential chain (profile, SSO, environment, instance role).
    /// Null means: allowed in Development (a person on their laptop), refused otherwise (a shared portal).
    /// </summary>
    public bool? AllowServerCredentials { get; set; }

    /// <summary>An AWS-compatible endpoint (e.g. LocalStack); falls back to the SDK's <c>AWS_ENDPOINT_URL</c>.</summary>
    public Uri? AwsEndpointUrl { get; set; }

    /// <summary>The time one AWS request may take (e.g. <c>00:00:05</c>); null for the default of 5 seconds.</summary>
    public TimeSpan? AwsTimeout { get; set; }

    /// <summary>How many times a timed-out or transient AWS request is retried; null for the default of 1.</summary>
    public int? AwsMaxErrorRetry { get; set; }

    /// <summary>ICA's API base address (a self-hosted ICA, or a test endpoint); null for ICA's public API.</summary>
    public Uri? IcaApiUrl { get; set; }

    /// <summary>The time one ICA request may take (e.g. <c>00:00:10</c>); null for the default of 10 seconds.</summary>
    public TimeSpan? IcaTimeout { get; set; }

    /// <summary>How long IcaKms watches ICA's validation of a configuration; null for the default of 5 minutes.</summary>
    public TimeSpan? IcaValidationTimeLimit { get; set; }

    /// <summary>
    /// How long a rotation waits after deactivating an access key before ICA's validation that follows counts (IAM is
    /// eventually consistent: right after, the key may still work); null for Core's default of 2 minutes.
    /// </summary>
    public TimeSpan? IamPropagationWait { get; set; }

    /// <summary>The ICA API settings these options describe.</summary>
    public Core.Adapters.Ica.IcaApiSettings IcaApiSettings()
    {
        var defaults = new Core.Adapters.Ica.IcaApiSettings();
        TimeSpan attempt = IcaTimeout is { } timeout && timeout > TimeSpan.Zero ? timeout : defaults.AttemptTimeout;
        return defaults with
        {
            BaseUrl = IcaApiUrl ?? defaults.BaseUrl,
            AttemptTimeout = attempt,
            TotalTimeout = attempt * 3 > defaults.TotalTimeout ? attempt * 3 : defaults.TotalTimeout,
        };
    }

    /// <summary>
    /// How long the circuit of a tab that lost its connection (network drop, laptop asleep) is kept so the tab can
    /// rejoin it (e.g. <c>00:03:00</c>); null for the default of 3 minutes. A closed tab's circuit ends at once. Its
    /// credentials stay in memory for that long too, so keep it short.
    /// </summary>
    public TimeSpan? DisconnectedCircuitRetention { get; set; }

    /// <summary>
    /// How many disconnected circuits are kept at most, oldest dropped first; null for the default of 100. Each holds
    /// about as much memory as an open tab (see the README's "Sizing").
    /// </summary>
    public int? DisconnectedCircuitMaxRetained { get; set; }

    /// <summary>The default of <see cref="DisconnectedCircuitRetention"/>.</summary>
    public static readonly TimeSpan DefaultDisconnectedCircuitRetention = TimeSpan.FromMinutes(3);

    /// <summary>The default of <see cref="DisconnectedCircuitMaxRetained"/>.</summary>
    public const int DefaultDisconnectedCircuitMaxRetained = 100;

    /// <summary>Sets Blazor's circuit options from these settings (values out of range fall back to the defaults).</summary>
    public void ConfigureCircuits(Microsoft.AspNetCore.Components.Server.CircuitOptions circuits)
    {
        ArgumentNullException.ThrowIfNull(circuits);
        circuits.DisconnectedCircuitRetentionPeriod = DisconnectedCircuitRetention is { } retention && retention >= TimeSpan.Zero
            ? retention
            : DefaultDisconnectedCircuitRetention;
        circuits.DisconnectedCircuitMaxRetained = DisconnectedCircuitMaxRetained is { } retained && retained >= 0
            ? retained
            : DefaultDisconnectedCircuitMaxRetained;
    }

    /// <summary>The AWS client settings these options describe.</summary>
    public Core.Adapters.Aws.AwsClientSettings AwsClientSettings()
    {
        var defaults = new Core.Adapters.Aws.AwsClientSettings();
        return defaults with
        {
            Endpoint = AwsEndpointUrl,
            Timeout = AwsTimeout is { } timeout && timeout > TimeSpan.Zero ? timeout : defaults.Timeout,
            MaxErrorRetry = AwsMaxErrorRetry is { } retries && retries >= 0 ? retries : defaults.MaxErrorRetry,
        };
    }
}
