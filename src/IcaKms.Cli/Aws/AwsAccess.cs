using IcaKms.Core;
using System.Collections.Concurrent;
using Amazon.Runtime;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Aws;

namespace IcaKms.Cli.Aws;

/// <summary>
/// A command's AWS session: the credentials found once, checked once with STS, and the gateways per region (made
/// once each, shared by every setup of the run). Its messages never hold a secret.
/// </summary>
internal sealed class AwsAccess
{
    private readonly IAwsGatewayFactory _factory;
    private readonly ConcurrentDictionary<string, AwsGateways> _gateways = new(StringComparer.Ordinal);

    private AwsAccess(IAwsGatewayFactory factory, AwsSession session)
    {
        _factory = factory;
        Session = session;
    }

    /// <summary>The session (who the credentials belong to).</summary>
    public AwsSession Session { get; }

    /// <summary>The gateways in a region.</summary>
    public AwsGateways Gateways(string region) => _gateways.GetOrAdd(region, r => _factory.Create(Session, r));

    /// <summary>Finds the credentials and checks them with STS in <paramref name="region"/>; the access, or why not.</summary>
    public static async Task<(AwsAccess? Access, string? Problem)> OpenAsync(
        CliHost host, string? profile, Uri? endpoint, string region, CancellationToken cancellationToken)
    {
        AWSCredentials credentials;
        try
        {
            credentials = await host.Credentials.ResolveAsync(profile, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCredentialsNotFoundException ex)
        {
            return (null, ex.Message);
        }

        IAwsGatewayFactory factory = host.AwsClients(new AwsClientSettings { Endpoint = endpoint });
        Result<CallerIdentity, AwsFailure> identity = await factory.IdentifyAsync(credentials, region, cancellationToken).ConfigureAwait(false);
        if (identity.Failure is { } failure)
        {
            return (null, $"AWS refused the credentials: {failure.Message}");
        }

        var session = new AwsSession(AwsSessionSource.ServerChain, credentials, identity.Value!, endpoint);
        return (new AwsAccess(factory, session), null);
    }
}
