using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>Builds the gateways for a session and region (replaced by in-memory fakes in tests).</summary>
public interface IAwsGatewayFactory
{
    /// <summary>The gateways for the session's credentials in the region.</summary>
    AwsGateways Create(AwsSession session, string region);

    /// <summary>Checks credentials with STS GetCallerIdentity, before a session exists.</summary>
    Task<Result<CallerIdentity, AwsFailure>> IdentifyAsync(Amazon.Runtime.AWSCredentials credentials, string region, CancellationToken cancellationToken = default);
}
