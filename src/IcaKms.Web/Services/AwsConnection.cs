using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Aws;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Web.Services;

/// <summary>What the AWS connection is doing.</summary>
public enum ConnectionActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>Credentials are being received and checked with STS.</summary>
    Connecting,
}

/// <summary>
/// A circuit's AWS connection: the credentials (in this object's memory only, until Disconnect or the end of the
/// circuit), who they belong to, and the cancellation every call of the connection runs under. The flows that call AWS
/// (<see cref="AwsInspection"/>, <see cref="KeyPicker"/>, <see cref="AwsApply"/>, the ICA flow's access key) read
/// <see cref="Current"/> and forget what they hold when <see cref="Changed"/> says the connection was replaced or dropped.
/// </summary>
public sealed class AwsConnection : IFlowConnection<AwsConnection.ConnectedSession>, IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly IAwsGatewayFactory _factory;
    private readonly CredentialHandoff _handoff;
    private readonly IServerCredentialChain _serverChain;
    private readonly IJSRuntime _js;
    private readonly IcaKmsOptions _options;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<AwsConnection> _logger;
    private readonly ChangeRecorder _recorder;
    private readonly IcaKmsTelemetry _telemetry;
    private readonly ChangeSubscriptions _changes = new();
    private readonly CancellationTokenSource _circuit = new();
    private readonly CancellationToken _circuitToken;
    private bool _disposed;

    public AwsConnection(
        WizardInputs inputs,
        IAwsGatewayFactory factory,
        CredentialHandoff handoff,
        IServerCredentialChain serverChain,
        IJSRuntime js,
        IOptions<IcaKmsOptions> options,
        IHostEnvironment environment,
        ILogger<AwsConnection> logger,
        ChangeRecorder recorder,
        IcaKmsTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inputs = inputs;
        _factory = factory;
        _handoff = handoff;
        _serverChain = serverChain;
        _js = js;
        _options = options.Value;
        _environment = environment;
        _logger = logger;
        _recorder = recorder;
        _telemetry = telemetry;
        _circuitToken = _circuit.Token;
    }

    /// <summary>Raised, before subscribers are told, when the connection was replaced or dropped: whatever was read with it is stale.</summary>
    internal event Action? Changed;

    public ConnectionActivity Activity { get; private set; }

    /// <summary>True while credentials are checked (derived from <see cref="Activity"/>).</summary>
    public bool IsConnecting => Activity == ConnectionActivity.Connecting;

    public bool IsConnected => Current is not null;

    /// <summary>Who the connected credentials belong to, or null when offline.</summary>
    public CallerIdentity? Identity => Current?.Session.Identity;

    /// <summary>Where the connected credentials came from, or null when offline.</summary>
    public AwsSessionSource? Source => Current?.Session.Source;

    /// <summary>Whether the operator lets users borrow the server's own credentials.</summary>
    public bool ServerCredentialsAllowed => _options.AllowServerCredentials ?? _environment.IsDevelopment();

    /// <summary>The connection every call runs under now, or null when offline.</summary>
    internal ConnectedSession? Current { get; private set; }

    ConnectedSession? IFlowConnection<ConnectedSession>.Current => Current;

    /// <summary>The connected session's IAM gateway, or null when offline (the ICA flow creates an access key with it).</summary>
    internal IIamGateway? Iam => Current?.Gateways(_inputs.Inputs.AwsRegion).Iam;

    /// <summary>True while <paramref name="connected"/> is still the connection: a result read with another one is stale.</summary>
    internal bool IsCurrent(ConnectedSession connected) => ReferenceEquals(Current, connected);

    /// <summary>Re-renders the subscriber after every change of the connection, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>
    /// Connects with the credentials typed into <paramref name="form"/>: the browser posts them, with a single-use
    /// ticket, straight to the server over HTTP (never through the circuit's message stream), clears the fields, and
    /// this connection claims them and checks them with STS. Returns a message for the user when that fails.
    /// </summary>
    public async Task<string?> ConnectWithTypedCredentialsAsync(ElementReference form)
    {
        if (_recorder.TakeCredentialCheck() is { } limited)
        {
            return limited;
        }

        HandoffReceipt receipt = await _handoff.ReceiveAsync(_js, form, _circuitToken);
        if (receipt.Secrets?.Credentials is not { } pasted)
        {
            return receipt.Outcome switch
            {
                HandoffOutcome.Busy => "The server is busy: try again in a minute.",
                HandoffOutcome.BrowserFailed => "The browser could not send the credentials: reload the page and try again.",
                _ => "The credentials did not reach the server: reload the page and try again.",
            };
        }

        if (pasted.Problem() is { } problem)
        {
            return problem;
        }

        string id = pasted.AccessKeyId.Trim();
        AWSCredentials credentials = pasted.SessionToken.Trim().Length == 0
            ? new BasicAWSCredentials(id, pasted.SecretAccessKey.Trim())
            : new SessionAWSCredentials(id, pasted.SecretAccessKey.Trim(), pasted.SessionToken.Trim());
        return await ConnectAsync(AwsSessionSource.Pasted, credentials);
    }

    /// <summary>Connects with the server's credential chain, when the operator allows it.</summary>
    public async Task<string?> ConnectWithServerCredentialsAsync()
    {
        if (!ServerCredentialsAllowed)
        {
            return "This server does not allow its own AWS credentials: paste temporary credentials instead.";
        }

        if (_recorder.TakeCredentialCheck() is { } limited)
        {
            return limited;
        }

        AWSCredentials credentials;
        try
        {
            credentials = await _serverChain.ResolveAsync();
        }
        catch (AmazonClientException ex)
        {
            _logger.LogInformation("The server's AWS credential chain found no credentials: {Reason}", ex.GetType().Name);
            return "The server has no AWS credentials (no profile, SSO session, environment variables or instance role): paste temporary credentials instead.";
        }

        return await ConnectAsync(AwsSessionSource.ServerChain, credentials);
    }

    /// <summary>
    /// Forgets the session: cancels every call in flight (their results are dropped), drops the credentials, and
    /// returns the wizard to exactly the offline state.
    /// </summary>
    public Task DisconnectAsync()
    {
        if (Current is not { } connected)
        {
            return Task.CompletedTask;
        }

        // The flows forget first: the calls the cancellation ends then find their connection gone and leave them idle.
        Current = null;
        Changed?.Invoke();
        connected.Dispose();
        _logger.LogInformation("AWS session disconnected");
        return _changes.NotifyAsync();
    }

    /// <summary>The end of the circuit: every call in flight is cancelled and the credentials are dropped.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Current?.Dispose();
        Current = null;
        _circuit.Cancel();
        _circuit.Dispose();
    }

    private async Task<string?> ConnectAsync(AwsSessionSource source, AWSCredentials credentials)
    {
        Activity = ConnectionActivity.Connecting;
        await _changes.NotifyAsync();
        try
        {
            Result<CallerIdentity, AwsFailure> identity = await _factory.IdentifyAsync(credentials, _inputs.Inputs.AwsRegion, _circuitToken);
            if (_disposed)
            {
                // The tab closed while STS answered: nobody is left to hold the credentials.
                return null;
            }

            if (identity.Failure is { } failure)
            {
                _logger.LogInformation("AWS credentials refused by STS: {Kind} {Code}", failure.Kind, failure.ErrorCode);
                _telemetry.AwsError(failure);
                return failure.Message;
            }

            ConnectedSession? previous = Current;
            Current = new ConnectedSession(new AwsSession(source, credentials, identity.Value!, _options.AwsEndpointUrl), _factory);
            Changed?.Invoke();
            previous?.Dispose();
            _logger.LogInformation("AWS session connected ({Source}) as {Principal}", source, identity.Value!.Arn);
            return null;
        }
        catch (OperationCanceledException) when (_circuitToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            Activity = ConnectionActivity.Idle;
            if (!_circuitToken.IsCancellationRequested)
            {
                await _changes.NotifyAsync();
            }
        }
    }

    /// <summary>
    /// One connection to AWS: the session (credentials included), the gateways made for it per region, and the
    /// cancellation every one of its calls runs under. <see cref="Dispose"/> cancels whatever is in flight and refuses new
    /// calls, so nothing signed with forgotten credentials leaves the server after Disconnect.
    /// </summary>
    internal sealed class ConnectedSession : IConnectedLifetime, IDisposable
    {
        private readonly IAwsGatewayFactory _factory;
        private readonly CancellationTokenSource _lifetime = new();
        private readonly Dictionary<string, AwsGateways> _gateways = new(StringComparer.Ordinal);

        public ConnectedSession(AwsSession session, IAwsGatewayFactory factory)
        {
            Session = session;
            _factory = factory;
            // Kept apart from the source: the token stays readable after the source is disposed.
            Token = _lifetime.Token;
        }

        public AwsSession Session { get; }

        /// <summary>Cancelled when the session ends: pass it to every call of the session.</summary>
        public CancellationToken Token { get; }

        /// <summary>The gateways in a region (made once per region); throws <see cref="OperationCanceledException"/> once ended.</summary>
        public AwsGateways Gateways(string region)
        {
            Token.ThrowIfCancellationRequested();
            if (!_gateways.TryGetValue(region, out AwsGateways? gateways))
            {
                gateways = _factory.Create(Session, region);
                _gateways[region] = gateways;
            }

            return gateways;
        }

        /// <summary>Cancels every call in flight and forgets the gateways (and with them the credentials' clients).</summary>
        /// <remarks>
        /// Safe while calls still hold <see cref="Token"/>: a cancelled token's registrations run at once, even after its
        /// source is disposed.
        /// </remarks>
        public void Dispose()
        {
            _gateways.Clear();
            _lifetime.Cancel();
            _lifetime.Dispose();
        }
    }
}
