using System.Diagnostics;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace IcaKms.Web.Services;

/// <summary>
/// The one owner of a circuit's live flow: the AWS connection, the inspection and its checks, and the key picker.
/// Components call its intent methods and render its read-only surface; it validates once (through
/// <see cref="WizardState"/>), runs every AWS call under the connection's cancellation, and updates the derived state
/// the same way whichever button started a flow. Credentials live only inside it, in memory, until Disconnect or the
/// end of the circuit.
/// </summary>
public sealed partial class WizardSession : IDisposable
{
    private readonly WizardState _state;
    private readonly IAwsGatewayFactory _factory;
    private readonly CredentialHandoff _handoff;
    private readonly IServerCredentialChain _serverChain;
    private readonly IJSRuntime _js;
    private readonly IcaKmsOptions _options;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<WizardSession> _logger;
    private readonly TimeProvider _time;
    private readonly CircuitUser _user;
    private readonly ChangeAudit _audit;
    private readonly IcaKmsTelemetry _telemetry;
    private readonly PortalRateLimits _limits;
    private readonly ChangeSubscriptions _changes = new();
    private readonly CancellationTokenSource _circuit = new();
    private readonly CancellationToken _circuitToken;
    private ConnectedSession? _connected;
    private bool _disposed;
    private InspectionRequest? _inspected;
    private InspectionRequest? _currentRequest;
    private SetupValidation? _currentRequestFor;
    private InspectionRequest? _checksFor;
    private IReadOnlyList<SetupCheck>? _checks;

    public WizardSession(
        WizardState state,
        IAwsGatewayFactory factory,
        CredentialHandoff handoff,
        IServerCredentialChain serverChain,
        IJSRuntime js,
        IOptions<IcaKmsOptions> options,
        IHostEnvironment environment,
        ILogger<WizardSession> logger,
        TimeProvider time,
        CircuitUser user,
        ChangeAudit audit,
        IcaKmsTelemetry telemetry,
        PortalRateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _factory = factory;
        _handoff = handoff;
        _serverChain = serverChain;
        _js = js;
        _options = options.Value;
        _environment = environment;
        _logger = logger;
        _time = time;
        _user = user;
        _audit = audit;
        _telemetry = telemetry;
        _limits = limits;
        _circuitToken = _circuit.Token;
    }

    /// <summary>Who the connected credentials belong to, or null when offline.</summary>
    public CallerIdentity? Identity => _connected?.Session.Identity;

    /// <summary>Where the connected credentials came from, or null when offline.</summary>
    public AwsSessionSource? Source => _connected?.Session.Source;

    public bool IsConnected => _connected is not null;

    public bool IsConnecting { get; private set; }

    /// <summary>Whether the operator lets users borrow the server's own credentials.</summary>
    public bool ServerCredentialsAllowed => _options.AllowServerCredentials ?? _environment.IsDevelopment();

    public bool IsInspecting { get; private set; }

    /// <summary>Why the last inspection asked for was not started (the per-user limit), or null.</summary>
    public string? InspectionRefusal { get; private set; }

    /// <summary>Why the person at this circuit may not apply changes (sign-in without the apply role), or null when they may.</summary>
    public string? ApplyRefusal => _user.Current.ApplyRefusal;

    /// <summary>True when an inspection can start now: connected, none running, and a bucket name to inspect.</summary>
    public bool CanInspect => IsConnected && !IsInspecting && _state.Validation.BucketName.IsValid;

    /// <summary>The last inspection of this connection, or null.</summary>
    public LiveSnapshot? Snapshot { get; private set; }

    /// <summary>
    /// The checks of the last inspection, judged against the wizard's current choices (variant, prefix scoping,
    /// cross-account copy and role); null before the first inspection, after Disconnect, and once the inputs name
    /// another bucket, key, prefix, region, user or policy than were inspected (see <see cref="InspectionIsStale"/>).
    /// </summary>
    public IReadOnlyList<SetupCheck>? Checks
    {
        get
        {
            if (Snapshot is not { } snapshot || _inspected is not { } inspected)
            {
                return null;
            }

            InspectionRequest current = CurrentRequest();
            if (!SameSubject(current, inspected))
            {
                return null;
            }

            if (_checks is null || _checksFor != current)
            {
                _checks = LiveChecks.Evaluate(snapshot, current);
                _checksFor = current;
            }

            return _checks;
        }
    }

    /// <summary>True when an inspection is on hand but the inputs now name something else than it inspected.</summary>
    public bool InspectionIsStale => Snapshot is not null && _inspected is { } inspected &&
        !SameSubject(CurrentRequest(), inspected);

    public bool IsLoadingKeys { get; private set; }

    /// <summary>The keys offered by the key picker, or null until loaded.</summary>
    public AwsResult<IReadOnlyList<KmsKeyChoice>>? KeyChoices { get; private set; }

    /// <summary>Re-renders the subscriber after every change of this session, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>
    /// Connects with the credentials typed into <paramref name="form"/>: the browser posts them, with a single-use
    /// ticket, straight to the server over HTTP (never through the circuit's message stream), clears the fields, and
    /// this session claims them and checks them with STS. Returns a message for the user when that fails.
    /// </summary>
    public async Task<string?> ConnectWithTypedCredentialsAsync(ElementReference form)
    {
        if (_limits.TakeCredentialCheck(_user.Current) is { } limited)
        {
            return limited;
        }

        string? ticket = _handoff.Open();
        if (ticket is null)
        {
            return "The server is busy: try again in a minute.";
        }

        try
        {
            bool posted = await _js.InvokeAsync<bool>("icakms.postCredentials", _circuitToken, form, ticket);
            PastedCredentials? pasted = posted ? _handoff.Claim(ticket) : null;
            if (pasted is null)
            {
                return "The credentials did not reach the server: reload the page and try again.";
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
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            return "The browser could not send the credentials: reload the page and try again.";
        }
        finally
        {
            _handoff.Close(ticket);
        }
    }

    /// <summary>Connects with the server's credential chain, when the operator allows it.</summary>
    public async Task<string?> ConnectWithServerCredentialsAsync()
    {
        if (!ServerCredentialsAllowed)
        {
            return "This server does not allow its own AWS credentials: paste temporary credentials instead.";
        }

        if (_limits.TakeCredentialCheck(_user.Current) is { } limited)
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
        if (_connected is not { } connected)
        {
            return Task.CompletedTask;
        }

        _connected = null;
        connected.Dispose();
        ForgetLive();
        _logger.LogInformation("AWS session disconnected");
        return _changes.NotifyAsync();
    }

    /// <summary>
    /// Inspects the bucket, key and policies of the wizard's inputs, evaluates every check, and picks the policy variant
    /// the bucket's versioning calls for. Does nothing when <see cref="CanInspect"/> is false.
    /// </summary>
    public Task InspectAsync()
    {
        if (!CanInspect || _connected is not { } connected)
        {
            return Task.CompletedTask;
        }

        if (!TakeInspection())
        {
            return _changes.NotifyAsync();
        }

        InspectionInFlight = InspectWithAsync(connected);
        return InspectionInFlight;
    }

    /// <summary>The inspection started last (for tests that end a session during one); it never throws.</summary>
    internal Task? InspectionInFlight { get; private set; }

    private async Task InspectWithAsync(ConnectedSession connected)
    {
        // Validated once, by the wizard's state; the inspection and the checks read this record only.
        InspectionRequest request = CurrentRequest();
        IsInspecting = true;
        await _changes.NotifyAsync();
        using Activity? span = _telemetry.StartInspection(request);
        try
        {
            LiveSnapshot snapshot = await Inspection.RunAsync(
                connected.Gateways(request.AwsRegion), request, connected.Token, s3InRegion: region => connected.Gateways(region).S3);
            _telemetry.Inspected(span, snapshot);
            if (!ReferenceEquals(_connected, connected))
            {
                return;
            }

            Snapshot = snapshot;
            _inspected = request;
            _checks = null;
            if (snapshot.BucketRegion.Succeeded && snapshot.Versioning is { Succeeded: true } versioning)
            {
                _state.ApplyLiveVersioning(versioning.Value);
            }
        }
        catch (OperationCanceledException) when (connected.Token.IsCancellationRequested)
        {
            // Disconnected (or the circuit ended) during the inspection: its results belong to no session.
        }
        finally
        {
            if (ReferenceEquals(_connected, connected))
            {
                IsInspecting = false;
            }

            await _changes.NotifyAsync();
        }
    }

    /// <summary>Loads the region's usable keys for the key picker.</summary>
    public async Task LoadKeyChoicesAsync()
    {
        if (_connected is not { } connected || IsLoadingKeys)
        {
            return;
        }

        IsLoadingKeys = true;
        await _changes.NotifyAsync();
        try
        {
            AwsResult<IReadOnlyList<KmsKeyChoice>> keys = await connected.Gateways(_state.Inputs.AwsRegion).Kms.ListUsableKeysAsync(connected.Token);
            if (ReferenceEquals(_connected, connected))
            {
                KeyChoices = keys;
            }
        }
        catch (OperationCanceledException) when (connected.Token.IsCancellationRequested)
        {
            // Disconnected while listing: nothing to show.
        }
        finally
        {
            if (ReferenceEquals(_connected, connected))
            {
                IsLoadingKeys = false;
            }

            await _changes.NotifyAsync();
        }
    }

    /// <summary>Forgets everything inspected, keeping the connection ("Start over").</summary>
    public Task StartOverAsync()
    {
        ForgetLive();
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
        _connected?.Dispose();
        _connected = null;
        _circuit.Cancel();
        _circuit.Dispose();
    }

    private async Task<string?> ConnectAsync(AwsSessionSource source, AWSCredentials credentials)
    {
        IsConnecting = true;
        await _changes.NotifyAsync();
        try
        {
            AwsResult<CallerIdentity> identity = await _factory.IdentifyAsync(credentials, _state.Inputs.AwsRegion, _circuitToken);
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

            _connected?.Dispose();
            ForgetLive();
            _connected = new ConnectedSession(new AwsSession(source, credentials, identity.Value!, _options.AwsEndpointUrl), _factory);
            _logger.LogInformation("AWS session connected ({Source}) as {Principal}", source, identity.Value!.Arn);
            return null;
        }
        catch (OperationCanceledException) when (_circuitToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            IsConnecting = false;
            if (!_circuitToken.IsCancellationRequested)
            {
                await _changes.NotifyAsync();
            }
        }
    }

    // The calls an inspection made depend on these inputs only; the rest (variant, scoping, cross-account copy and role)
    // are judged from the same snapshot.
    private static bool SameSubject(InspectionRequest a, InspectionRequest b) =>
        a.AwsRegion == b.AwsRegion && a.BucketName == b.BucketName && a.Key == b.Key && a.Prefix == b.Prefix &&
        a.IamUserName == b.IamUserName && a.PolicyArn == b.PolicyArn;

    // The inputs as a request, made again only when they changed (every edit gives the state a new validation):
    // the panels ask for it several times per render.
    private InspectionRequest CurrentRequest()
    {
        if (_currentRequest is null || !ReferenceEquals(_currentRequestFor, _state.Validation))
        {
            _currentRequest = InspectionRequest.Create(_state.Inputs, _state.Validation);
            _currentRequestFor = _state.Validation;
        }

        return _currentRequest;
    }

    // Takes one of the person's inspections (see PortalRateLimits); false, with the reason shown, when none is left.
    private bool TakeInspection()
    {
        InspectionRefusal = _limits.TakeInspection(_user.Current);
        return InspectionRefusal is null;
    }

    private void ForgetLive()
    {
        ForgetPlans();
        Snapshot = null;
        _inspected = null;
        _checks = null;
        _checksFor = null;
        KeyChoices = null;
        IsInspecting = false;
        InspectionRefusal = null;
        IsLoadingKeys = false;
        _state.ForgetLiveVersioning();
    }
}
