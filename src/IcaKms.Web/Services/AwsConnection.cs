using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using IcaKms.Core.Aws;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Services;

/// <summary>
/// The AWS session of one circuit (one browser tab). Credentials live here, in memory only: never logged,
/// rendered, stored or shared; <see cref="Disconnect"/> forgets them, and so does the end of the circuit.
/// </summary>
public sealed class AwsConnection(IAwsGatewayFactory factory, IOptions<IcaKmsOptions> options, IHostEnvironment environment, ILogger<AwsConnection> logger)
{
    private readonly Dictionary<string, AwsGateways> _gateways = new(StringComparer.Ordinal);

    /// <summary>Raised after connecting or disconnecting.</summary>
    public event Action? Changed;

    /// <summary>The connected session, or null when offline.</summary>
    public AwsSession? Session { get; private set; }

    public bool IsConnected => Session is not null;

    /// <summary>Whether the operator lets users borrow the server's own credentials.</summary>
    public bool ServerCredentialsAllowed => options.Value.AllowServerCredentials ?? environment.IsDevelopment();

    /// <summary>Checks pasted credentials with STS and connects; returns a message for the user when that fails.</summary>
    public async Task<string?> ConnectWithPastedAsync(PastedCredentials pasted, string region, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pasted);
        if (pasted.Problem() is { } problem)
        {
            return problem;
        }

        AWSCredentials credentials = pasted.SessionToken.Trim().Length == 0
            ? new BasicAWSCredentials(pasted.AccessKeyId.Trim(), pasted.SecretAccessKey.Trim())
            : new SessionAWSCredentials(pasted.AccessKeyId.Trim(), pasted.SecretAccessKey.Trim(), pasted.SessionToken.Trim());
        return await ConnectAsync(AwsSessionSource.Pasted, credentials, region, cancellationToken);
    }

    /// <summary>Connects with the server's credential chain, when the operator allows it.</summary>
    public async Task<string?> ConnectWithServerCredentialsAsync(string region, CancellationToken cancellationToken = default)
    {
        if (!ServerCredentialsAllowed)
        {
            return "This server does not allow its own AWS credentials: paste temporary credentials instead.";
        }

        AWSCredentials credentials;
        try
        {
            credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
        }
        catch (AmazonClientException ex)
        {
            logger.LogInformation("The server's AWS credential chain found no credentials: {Reason}", ex.GetType().Name);
            return "The server has no AWS credentials (no profile, SSO session, environment variables or instance role): paste temporary credentials instead.";
        }

        return await ConnectAsync(AwsSessionSource.ServerChain, credentials, region, cancellationToken);
    }

    /// <summary>Forgets the session and its credentials.</summary>
    public void Disconnect()
    {
        if (Session is null)
        {
            return;
        }

        Session = null;
        _gateways.Clear();
        logger.LogInformation("AWS session disconnected");
        Changed?.Invoke();
    }

    /// <summary>The gateways of the session in a region (made once per region and session).</summary>
    public AwsGateways Gateways(string region)
    {
        AwsSession session = Session ?? throw new InvalidOperationException("Not connected to AWS.");
        if (!_gateways.TryGetValue(region, out AwsGateways? gateways))
        {
            gateways = factory.Create(session, region);
            _gateways[region] = gateways;
        }

        return gateways;
    }

    private async Task<string?> ConnectAsync(AwsSessionSource source, AWSCredentials credentials, string region, CancellationToken cancellationToken)
    {
        AwsResult<CallerIdentity> identity = await factory.IdentifyAsync(credentials, region, cancellationToken);
        if (identity.Failure is { } failure)
        {
            logger.LogInformation("AWS credentials refused by STS: {Kind} {Code}", failure.Kind, failure.ErrorCode);
            return failure.Message;
        }

        _gateways.Clear();
        Session = new AwsSession(source, credentials, identity.Value!, options.Value.AwsEndpointUrl);
        logger.LogInformation("AWS session connected ({Source}) as {Principal}", source, identity.Value!.Arn);
        Changed?.Invoke();
        return null;
    }
}
