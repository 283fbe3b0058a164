using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Adapters.Ica;

/// <summary>Builds an <see cref="IIcaClient"/> for one API key.</summary>
public interface IIcaClientFactory
{
    /// <summary>ICA's base address the clients call (for messages and the equivalent curl commands).</summary>
    Uri BaseAddress { get; }

    /// <summary>A client that sends <paramref name="apiKey"/> with every call.</summary>
    IIcaClient Create(string apiKey);
}

/// <summary>
/// Makes <see cref="IcaClient"/>s over the named <see cref="HttpClient"/> <see cref="HttpClientName"/> of
/// <see cref="IHttpClientFactory"/>, whose handlers (pooled and rotated by the factory) run the standard resilience
/// pipeline <see cref="AddTo"/> registers. The key lives only in the client made for it.
/// </summary>
public sealed class IcaClientFactory(IHttpClientFactory httpClients, IcaApiSettings settings) : IIcaClientFactory
{
    /// <summary>The name of the HTTP client.</summary>
    public const string HttpClientName = "IcaKms.Ica";

    /// <inheritdoc />
    public Uri BaseAddress => settings.BaseAddress;

    /// <inheritdoc />
    public IIcaClient Create(string apiKey) => new IcaClient(httpClients.CreateClient(HttpClientName), apiKey);

    /// <summary>
    /// Registers the named client with the standard resilience pipeline: a total and a per-attempt timeout, retries of
    /// GETs only (POSTs are never retried: a create that timed out may have happened), the circuit breaker, and header
    /// values redacted from the factory's own logs (the <c>X-API-Key</c> must never reach a log).
    /// </summary>
    public static IServiceCollection AddTo(IServiceCollection services, Func<IServiceProvider, IcaApiSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton<IIcaClientFactory, IcaClientFactory>();
        services.AddHttpClient(HttpClientName, (provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IcaApiSettings>().BaseAddress;
                // The pipeline's timeouts govern; HttpClient's own 100 s would only cut them short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RedactLoggedHeaders(_ => true)
            .AddStandardResilienceHandler()
            .Configure((options, provider) => Configure(options, provider.GetRequiredService<IcaApiSettings>()));
        return services;
    }

    private static void Configure(HttpStandardResilienceOptions options, IcaApiSettings settings)
    {
        options.AttemptTimeout.Timeout = settings.AttemptTimeout;
        options.TotalRequestTimeout.Timeout = settings.TotalTimeout > settings.AttemptTimeout ? settings.TotalTimeout : settings.AttemptTimeout * 2;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, settings.AttemptTimeout.Ticks * 2));
        options.Retry.Delay = settings.RetryDelay;
        options.Retry.MaxRetryAttempts = Math.Max(1, settings.ReadRetries);
        if (settings.ReadRetries <= 0)
        {
            options.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        options.Retry.DisableForUnsafeHttpMethods();
    }
}
