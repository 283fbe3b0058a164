using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using Microsoft.Extensions.DependencyInjection;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters.Ica;

namespace IcaKms.Core.Adapters;

/// <summary>Registers Core's services: the AWS client wiring, in one place for the web host, the benchmark and the tests.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Adds the <see cref="IAwsGatewayFactory"/> that builds the S3, KMS and STS SDK clients and the IAM Query-API
    /// client of a session, all on the same endpoint.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="settings">
    /// The endpoint override (e.g. LocalStack) and timeouts from the host's configuration, read when the factory is first
    /// needed; null means the defaults (<c>AWS_ENDPOINT_URL</c> if set, else AWS).
    /// </param>
    /// <param name="httpClientFactory">The SDK's HTTP client factory for tests; null for the SDK's own.</param>
    public static IServiceCollection AddIcaKmsCore(
        this IServiceCollection services,
        Func<IServiceProvider, AwsClientSettings>? settings = null,
        HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IAwsGatewayFactory>(provider => AwsClientFactory.WithIamQueryClient(settings?.Invoke(provider) ?? new AwsClientSettings(), httpClientFactory));
        return services;
    }

    /// <summary>
    /// Adds the ICA API client factory (<see cref="IIcaClientFactory"/>) over <c>IHttpClientFactory</c> with the standard
    /// resilience pipeline (<see cref="IcaClientFactory.AddTo"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="settings">ICA's base address and timeouts from the host's configuration; null for ICA's public API.</param>
    public static IServiceCollection AddIcaApi(this IServiceCollection services, Func<IServiceProvider, IcaApiSettings>? settings = null) =>
        IcaClientFactory.AddTo(services, settings ?? (_ => new IcaApiSettings()));
}
