using System.Globalization;
using System.Net;
using Amazon.Runtime;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// The SDK's HTTP clients as the SDK builds its own (one <see cref="SocketsHttpHandler"/> per configuration, no automatic
/// decompression, redirects as the config says, the config's proxy, timeout and connection limits), with
/// <see cref="BufferedAnswerHandler"/> on top so that no answer's body is read with a blocked thread. Set on every SDK
/// client's <see cref="ClientConfig.HttpClientFactory"/> by <see cref="AwsClientFactory"/>; the SDK caches the clients
/// globally per configuration, as it caches its own.
/// </summary>
internal sealed class BufferedAnswerHttpClientFactory : HttpClientFactory
{
    /// <summary>The one instance: the factory holds no state.</summary>
    public static BufferedAnswerHttpClientFactory Instance { get; } = new();

    /// <inheritdoc />
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = clientConfig.AllowAutoRedirect,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (clientConfig.MaxConnectionsPerServer is { } connections)
        {
            transport.MaxConnectionsPerServer = connections;
        }

        if (clientConfig.ConnectTimeout is { } connectTimeout)
        {
            transport.ConnectTimeout = connectTimeout;
        }

        if (clientConfig.GetWebProxy() is { } proxy)
        {
            if (clientConfig.ProxyCredentials is { } credentials)
            {
                proxy.Credentials = credentials;
            }

            transport.Proxy = proxy;
        }

        var client = new HttpClient(new BufferedAnswerHandler(transport));
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }

        return client;
    }

    /// <summary>
    /// The key the SDK's global cache shares clients under: the settings <see cref="CreateHttpClient"/> reads. Null (a
    /// cache per SDK client) when a proxy is set, as the SDK does for its own clients: a proxy cannot be part of the key.
    /// </summary>
    public override string? GetConfigUniqueString(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        if (clientConfig.GetWebProxy() is not null || clientConfig.ProxyCredentials is not null)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"IcaKms.BufferedAnswer AllowAutoRedirect:{clientConfig.AllowAutoRedirect} CacheSize:{clientConfig.HttpClientCacheSize} " +
            $"Timeout:{clientConfig.Timeout} MaxConnectionsPerServer:{clientConfig.MaxConnectionsPerServer} ConnectTimeout:{clientConfig.ConnectTimeout}");
    }
}
