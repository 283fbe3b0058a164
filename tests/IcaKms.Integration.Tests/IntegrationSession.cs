using IcaKms.Core;
using Microsoft.Extensions.DependencyInjection;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters;

namespace IcaKms.Integration.Tests;

/// <summary>
/// The app's way in, pointed at the integration endpoint: Core's <see cref="IAwsGatewayFactory"/> (AddIcaKmsCore) with IAM's Query client on the
/// same endpoint, a session identified by STS, and its gateways in the test region.
/// </summary>
public sealed class IntegrationSession
{
    private IntegrationSession(IntegrationSettings settings, IAwsGatewayFactory factory, AwsSession session)
    {
        Settings = settings;
        Factory = factory;
        Session = session;
        Gateways = factory.Create(session, settings.Region);
    }

    public IntegrationSettings Settings { get; }

    public IAwsGatewayFactory Factory { get; }

    public AwsSession Session { get; }

    public AwsGateways Gateways { get; }

    /// <summary>Identifies the credentials with STS and builds the session; throws when STS refuses them.</summary>
    public static async Task<IntegrationSession> ConnectAsync(IntegrationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (AWSCredentials credentials, AwsSessionSource source) = await settings.ResolveCredentialsAsync();
        Uri? endpoint = settings.Endpoint;
        IAwsGatewayFactory factory = new ServiceCollection().AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = endpoint }).BuildServiceProvider().GetRequiredService<IAwsGatewayFactory>();
        Result<CallerIdentity, AwsFailure> identity = await factory.IdentifyAsync(credentials, settings.Region, cancellationToken);
        if (identity.Value is not CallerIdentity caller)
        {
            throw new InvalidOperationException($"STS GetCallerIdentity at {settings.EndpointName} failed: {identity.Failure?.Message}");
        }

        return new IntegrationSession(settings, factory, new AwsSession(source, credentials, caller, endpoint));
    }

    /// <summary>Runs the app's inspection for the inputs (validated once into a request).</summary>
    public Task<LiveSnapshot> InspectAsync(SetupInputs inputs, CancellationToken cancellationToken) =>
        Inspection.RunAsync(Gateways, InspectionRequest.Create(inputs), cancellationToken);
}
