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

    /// <summary>The ICA API settings these options describe.</summary>
    public Core.Ica.IcaApiSettings IcaApiSettings()
    {
        var defaults = new Core.Ica.IcaApiSettings();
        TimeSpan attempt = IcaTimeout is { } timeout && timeout > TimeSpan.Zero ? timeout : defaults.AttemptTimeout;
        return defaults with
        {
            BaseUrl = IcaApiUrl ?? defaults.BaseUrl,
            AttemptTimeout = attempt,
            TotalTimeout = attempt * 3 > defaults.TotalTimeout ? attempt * 3 : defaults.TotalTimeout,
        };
    }

    /// <summary>The AWS client settings these options describe.</summary>
    public Core.Aws.AwsClientSettings AwsClientSettings()
    {
        var defaults = new Core.Aws.AwsClientSettings();
        return defaults with
        {
            Endpoint = AwsEndpointUrl,
            Timeout = AwsTimeout is { } timeout && timeout > TimeSpan.Zero ? timeout : defaults.Timeout,
            MaxErrorRetry = AwsMaxErrorRetry is { } retries && retries >= 0 ? retries : defaults.MaxErrorRetry,
        };
    }
}
