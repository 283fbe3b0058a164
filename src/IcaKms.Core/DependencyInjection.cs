using Amazon.Runtime;
using IcaKms.Core.Aws;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Core;

/// <summary>Registers Core's services: the AWS client wiring, in one place for the web host, the benchmark and the tests.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Adds the <see cref="IAwsGatewayFactory"/> that builds the S3, KMS and STS SDK clients and the IAM Query-API
    /// client of a session, all on the same endpoint.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="endpoint">
    /// The endpoint override from the host's configuration (e.g. LocalStack), read when the factory is first needed;
    /// null or a null answer means <c>AWS_ENDPOINT_URL</c> if set, else AWS.
    /// </param>
    /// <param name="httpClientFactory">The SDK's HTTP client factory for tests; null for the SDK's own.</param>
    public static IServiceCollection AddIcaKmsCore(
        this IServiceCollection services,
        Func<IServiceProvider, Uri?>? endpoint = null,
        HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IAwsGatewayFactory>(provider => AwsClientFactory.WithIamQueryClient(endpoint?.Invoke(provider), httpClientFactory));
        return services;
    }
}
