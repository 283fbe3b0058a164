using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using IcaKms.Core.Adapters.Ica;

namespace IcaKms.Web.Services;

/// <summary>
/// The owner of a circuit's ICA flow: the ICA connection (the API key, in this object's memory only), the tenant's
/// regions, credentials and configurations, the admin's credential choice, and plan → confirm → apply → watch the
/// validation. Components call its intents and render its read-only surface. Every change it makes is recorded through
/// <see cref="ChangeRecorder.Record"/>, the wizard's one audit path. The key and any secret are never logged, rendered
/// or stored; they go only to the configured ICA base address, and are forgotten at Disconnect or the circuit's end.
/// </summary>
public sealed partial class IcaSession : IDisposable
{
    private readonly WizardInputs _state;
    private readonly AwsConnection _aws;
    private readonly ChangeRecorder _recorder;
    private readonly IIcaClientFactory _clients;
    private readonly CredentialHandoff _handoff;
    private readonly IJSRuntime _js;
    private readonly ILogger<IcaSession> _logger;
    private readonly TimeProvider _time;
    private readonly IcaKmsOptions _options;
    private readonly ChangeSubscriptions _changes = new();
    private readonly CancellationTokenSource _circuit = new();
    private Connection? _connection;
    private string? _newCredentialName;
    private bool _listsFresh;
    private Task _refresh = Task.CompletedTask;
    private bool _disposed;

    public IcaSession(
        WizardInputs state,
        AwsConnection aws,
        ChangeRecorder recorder,
        IIcaClientFactory clients,
        CredentialHandoff handoff,
        IJSRuntime js,
        IOptions<IcaKmsOptions> options,
        ILogger<IcaSession> logger,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _aws = aws;
        _recorder = recorder;
        _clients = clients;
        _handoff = handoff;
        _js = js;
        _options = options.Value;
        _logger = logger;
        _time = time;
    }

    /// <summary>ICA's API base address (<c>IcaKms:IcaApiUrl</c>): the only place the key is ever sent.</summary>
    public Uri ApiUrl => _clients.BaseAddress;

    public bool IsConnected => _connection is not null;

    public bool IsConnecting { get; private set; }

    public bool IsRefreshing { get; private set; }

    /// <summary>The regions the key's user is entitled to, or null when not connected.</summary>
    public IReadOnlyList<IcaApiRegion>? Regions => _connection?.Regions;

    /// <summary>ICA's region object for the wizard's ICA region, or null (not connected, or no entitlement).</summary>
    public IcaApiRegion? Region => Regions is { } regions ? IcaRegionMatch.Find(regions, _state.Region) : null;

    /// <summary>What to say when the tenant has no entitlement for the wizard's region; null otherwise.</summary>
    public string? RegionProblem => Regions is { } regions && Region is null ? IcaRegionMatch.NoEntitlement(regions, _state.Region) : null;

    /// <summary>The storage credentials in ICA (names and ids, never secrets).</summary>
    public IReadOnlyList<StorageCredential> Credentials { get; private set; } = [];

    /// <summary>The storage configurations in ICA.</summary>
    public IReadOnlyList<StorageConfiguration> Configurations { get; private set; } = [];

    /// <summary>Why the lists could not be read, or null.</summary>
    public string? ListProblem { get; private set; }

    /// <summary>The configuration in ICA with the wizard's name, or null.</summary>
    public StorageConfiguration? Existing => IsConnected ? StorageConfigurationComparison.Named(Configurations, _state.Inputs.ConfigurationName.Trim()) : null;

    /// <summary>How <see cref="Existing"/> differs from the wizard's values (empty when it is the same).</summary>
    public IReadOnlyList<ConfigurationDifference> Differences => Existing is { } existing
        ? StorageConfigurationComparison.Compare(existing, _state.Documents.StorageConfiguration, Region)
        : [];

    /// <summary>The admin's storage credential choice, or null.</summary>
    public CredentialChoice? Credential { get; private set; }

    /// <summary>True once a pasted access key is held for the credential (its secret stays here until applied).</summary>
    public bool HasPastedKey => _connection?.PastedKey is not null;

    /// <summary>Whether to share the configuration with the tenant.</summary>
    public bool Share { get; private set; }

    /// <summary>The name a new credential gets: as typed, else the ICA IAM user's name as ICA allows names.</summary>
    public string NewCredentialName => _newCredentialName ??
        CredentialChoice.NameFrom(_state.Inputs.IamUserName.Length > 0 ? _state.Inputs.IamUserName : "icakms-" + _state.Inputs.BucketName);

    /// <summary>Why <see cref="NewCredentialName"/> cannot be used, or null.</summary>
    public string? NewCredentialNameProblem => CredentialChoice.NameProblem(NewCredentialName);

    /// <summary>Whether an access key can be created for the ICA IAM user: an AWS session is connected and step 2 names the user.</summary>
    public bool CanCreateIamKey => _aws.IsConnected && _state.Validation.IamUserName is { IsValid: true, Value.Length: > 0 };

    /// <summary>Re-renders the subscriber after every change of this session, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>
    /// Connects with the API key typed into <paramref name="form"/>: the browser posts it, with a single-use ticket,
    /// straight to the server (never through the circuit's messages) and empties the field; it is checked at once
    /// with <c>GET /api/regions</c>. Returns a message for the user when that fails.
    /// </summary>
    public async Task<string?> ConnectAsync(ElementReference form)
    {
        if (_recorder.TakeCredentialCheck() is { } limited)
        {
            return limited;
        }

        HandoffReceipt receipt = await _handoff.ReceiveAsync(_js, form, _circuit.Token);
        if (receipt.Secrets is not { } handed)
        {
            return Refused(receipt.Outcome, "the API key");
        }

        string key = handed.IcaApiKey.Trim();
        if (key.Length == 0)
        {
            return "Enter the ICA API key.";
        }

        IsConnecting = true;
        await _changes.NotifyAsync();
        try
        {
            IIcaClient client = _clients.Create(key);
            Result<IReadOnlyList<IcaApiRegion>, IcaFailure> regions = await client.GetRegionsAsync(_circuit.Token);
            if (regions.Failure is { } failure)
            {
                _logger.LogInformation("ICA API key refused at {IcaApiUrl}: {Kind} {Status}", ApiUrl, failure.Kind, failure.Status);
                return failure.Message;
            }

            Forget();
            _connection = new Connection(client, regions.Value!);
            _logger.LogInformation("ICA connected at {IcaApiUrl}: {RegionCount} entitled regions", ApiUrl, regions.Value!.Count);
            await RefreshWithAsync(_connection);
            return null;
        }
        catch (OperationCanceledException) when (_circuit.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            IsConnecting = false;
            if (!_circuit.IsCancellationRequested)
            {
                await _changes.NotifyAsync();
            }
        }
    }

    /// <summary>Forgets the key, the lists, the choice and any held secret; the watch in flight stops.</summary>
    public Task DisconnectAsync()
    {
        if (_connection is null)
        {
            return Task.CompletedTask;
        }

        Forget();
        _logger.LogInformation("ICA disconnected");
        return _changes.NotifyAsync();
    }

    /// <summary>Reads the credentials and configurations again.</summary>
    public async Task RefreshAsync()
    {
        // A plan reads the lists itself: a second read beside it would replace them (and drop the plan) when it ends.
        if (_connection is { } connection && !IsRefreshing && !IsPlanning)
        {
            await RefreshWithAsync(connection);
        }
    }

    /// <summary>Chooses an existing ICA credential.</summary>
    public Task ChooseExistingCredentialAsync(string credentialId)
    {
        StorageCredential? credential = Credentials.FirstOrDefault(c => c.Id == credentialId);
        return ChooseAsync(credential is null ? null : new CredentialChoice(CredentialSource.Existing, credential.Id, credential.Name));
    }

    /// <summary>Chooses a new credential from an access key IcaKms creates for the ICA IAM user (after the plan is confirmed).</summary>
    public Task ChooseNewIamKeyAsync() =>
        ChooseAsync(new CredentialChoice(CredentialSource.NewIamKey, null, NewCredentialName, IamUserName: _state.Validation.IamUserName.Value));

    /// <summary>
    /// Takes a pasted access key of the ICA IAM user from <paramref name="form"/> through the same hand-off as the
    /// API key; its secret stays in this session until it is sent to ICA, or forgotten. Returns a message when refused.
    /// </summary>
    public async Task<string?> HoldPastedKeyAsync(ElementReference form)
    {
        HandoffReceipt receipt = await _handoff.ReceiveAsync(_js, form, _circuit.Token);
        if (receipt.Secrets?.Credentials is not { } pasted)
        {
            return Refused(receipt.Outcome, "the access key");
        }

        if (pasted.Problem() is { } problem)
        {
            return problem;
        }

        if (!pasted.IsLongTerm)
        {
            return "ICA needs the IAM user's long-term access key (AKIA…): temporary credentials (ASIA…) expire and ICA's storage would stop working.";
        }

        if (_connection is not { } connection)
        {
            return "Connect to ICA first.";
        }

        connection.PastedKey = new AwsAccessKey(pasted.AccessKeyId.Trim(), pasted.SecretAccessKey.Trim());
        await ChooseAsync(new CredentialChoice(CredentialSource.PastedKey, null, NewCredentialName, connection.PastedKey.AccessKeyId));
        return null;
    }

    /// <summary>Names the new credential (also the one already chosen, when it is new).</summary>
    public Task SetNewCredentialNameAsync(string name)
    {
        _newCredentialName = name.Trim();
        if (Credential is { Source: not CredentialSource.Existing } chosen)
        {
            Credential = chosen with { Name = NewCredentialName };
        }

        ForgetPlan();
        return _changes.NotifyAsync();
    }

    /// <summary>Shares the configuration with the tenant, or not.</summary>
    public Task SetShareAsync(bool share)
    {
        Share = share;
        ForgetPlan();
        return _changes.NotifyAsync();
    }

    /// <summary>The end of the circuit: calls in flight stop, and the key and any secret are dropped.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Forget();
        _circuit.Cancel();
        _circuit.Dispose();
    }

    private static string Refused(HandoffOutcome outcome, string what) => outcome switch
    {
        HandoffOutcome.Busy => "The server is busy: try again in a minute.",
        HandoffOutcome.BrowserFailed => $"The browser could not send {what}: reload the page and try again.",
        _ => $"{char.ToUpperInvariant(what[0])}{what[1..]} did not reach the server: reload the page and try again.",
    };

    private async Task ChooseAsync(CredentialChoice? choice)
    {
        if (_connection is { } connection && choice?.Source != CredentialSource.PastedKey)
        {
            // A pasted secret is held only while it is the choice.
            connection.PastedKey = null;
        }

        Credential = choice;
        ForgetPlan();
        await _changes.NotifyAsync();
    }

    // The read under way is kept, so a plan can wait for it instead of reading beside it.
    private Task RefreshWithAsync(Connection connection) => _refresh = ReadListsAsync(connection);

    private async Task ReadListsAsync(Connection connection)
    {
        IsRefreshing = true;
        await _changes.NotifyAsync();
        try
        {
            Task<Result<IReadOnlyList<StorageCredential>, IcaFailure>> credentials = connection.Client.GetStorageCredentialsAsync(connection.Token);
            Task<Result<IReadOnlyList<StorageConfiguration>, IcaFailure>> configurations = connection.Client.GetStorageConfigurationsAsync(connection.Token);
            Result<IReadOnlyList<StorageCredential>, IcaFailure> credentialList = await credentials;
            Result<IReadOnlyList<StorageConfiguration>, IcaFailure> configurationList = await configurations;
            if (!ReferenceEquals(_connection, connection))
            {
                return;
            }

            Credentials = credentialList.Value ?? [];
            Configurations = configurationList.Value ?? [];
            ListProblem = credentialList.Failure?.Message ?? configurationList.Failure?.Message;
            _listsFresh = ListProblem is null;
            AdoptPendingCredential();
            ForgetPlan();
        }
        catch (OperationCanceledException) when (connection.Token.IsCancellationRequested)
        {
            // Disconnected while reading.
        }
        finally
        {
            IsRefreshing = false;
            if (!_circuit.IsCancellationRequested)
            {
                await _changes.NotifyAsync();
            }
        }
    }

    partial void AdoptPendingCredential();

    private void Forget()
    {
        _connection?.Dispose();
        _connection = null;
        Credentials = [];
        Configurations = [];
        ListProblem = null;
        _listsFresh = false;
        Credential = null;
        Share = false;
        ForgetPlan();
        ForgetApplied();
    }

    /// <summary>One ICA connection: its client (holding the key), what it read, a held pasted key, and its cancellation.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly CancellationTokenSource _lifetime = new();

        public Connection(IIcaClient client, IReadOnlyList<IcaApiRegion> regions)
        {
            Client = client;
            Regions = regions;
            Token = _lifetime.Token;
        }

        public IIcaClient Client { get; }

        public IReadOnlyList<IcaApiRegion> Regions { get; }

        public AwsAccessKey? PastedKey { get; set; }

        // Read once: calls still holding it see it cancelled after Dispose.
        public CancellationToken Token { get; }

        public void Dispose()
        {
            PastedKey = null;
            _lifetime.Cancel();
            _lifetime.Dispose();
        }
    }
}
