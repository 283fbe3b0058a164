using IcaKms.Core.Ica;

namespace IcaKms.Core.Adapters.Ica;

/// <summary>Where ICA's API is and how patient IcaKms is with it.</summary>
/// <param name="BaseUrl">The API's base address (<see cref="IcaApi.BaseUrl"/> unless a self-hosted ICA or a test sets another).</param>
/// <param name="AttemptTimeout">How long one attempt may take.</param>
/// <param name="TotalTimeout">How long a call may take with its retries.</param>
/// <param name="ReadRetries">How many times a read (GET) that timed out or failed with 5xx/429 is tried again; writes never are.</param>
/// <param name="RetryDelay">The first wait before a retry (then exponential, with jitter).</param>
public sealed record IcaApiSettings(Uri BaseUrl, TimeSpan AttemptTimeout, TimeSpan TotalTimeout, int ReadRetries, TimeSpan RetryDelay)
{
    /// <summary>ICA's public API with 10 s per attempt, 30 s per call, two retries of reads after 1 s.</summary>
    public IcaApiSettings()
        : this(new Uri(IcaApi.BaseUrl), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 2, TimeSpan.FromSeconds(1))
    {
    }

    /// <summary>The base address with a trailing slash, so the API's paths resolve beneath it.</summary>
    public Uri BaseAddress => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
}
