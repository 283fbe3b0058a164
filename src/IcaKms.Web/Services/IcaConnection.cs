using IcaKms.Core.Adapters.Ica;
using IcaKms.Core.Ica;
using IcaKms.Core;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace IcaKms.Web.Services;

/// <summary>What the ICA connection is doing.</summary>
public enum IcaConnectionActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>The API key is being received and checked with <c>GET /api/regions</c>.</summary>
    Connecting,

    /// <summary>ICA's storage credentials and configurations are read.</summary>
    ReadingLists,
}

/// <summary>
/// A circuit's ICA connection: the API key (held by the client, in this object's memory only, until Disconnect or the end
/// of the circuit), the regions the key's user is entitled to, and ICA's storage credentials and configurations with the
/// read of them in flight. The ICA flows (<see cref="IcaPlanChoices"/>, <see cref="IcaApply"/>,
/// <see cref="IcaValidationWatcher"/>) run under <see cref="Current"/> and forget what they hold when <see cref="Changed"/>
/// says it was replaced or dropped. The key goes only to the configured ICA base address; it is never logged or rendered.
/// </summary>
public sealed class IcaConnection : IFlowConnection<ConnectedIca>, IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly ChangeRecorder _recorder;
    private readonly IIcaClientFactory _clients;
    private readonly CredentialHandoff _handoff;
    private readonly IJSRuntime _js;
    private readonly ILogger<IcaConnection> _logger;
    private readonly ChangeSubscriptions _changes = new();
    private readonly CancellationTokenSource _circuit = new();
    private readonly CancellationToken _circuitToken;
    private readonly FlowActivity<IcaConnectionActivity, ConnectedIca> _activity;
    private Task _listsRead = Task.CompletedTask;
    private bool _listsFresh;
    private int _listHolders;
    private bool _disposed;

    public IcaConnection(
        WizardInputs inputs, ChangeRecorder recorder, IIcaClientFactory clients, CredentialHandoff handoff, IJSRuntime js, ILogger<IcaConnection> logger)
    {
        _inputs = inputs;
        _recorder = recorder;
        _clients = clients;
        _handoff = handoff;
        _js = js;
        _logger = logger;
        _circuitToken = _circuit.Token;
        _activity = new FlowActivity<IcaConnectionActivity, ConnectedIca>(this, _changes);
    }

    /// <summary>Raised, before subscribers are told, when the connection was replaced or dropped: whatever was read or chosen with it is stale.</summary>
    internal event Action? Changed;

    /// <summary>Raised when ICA's lists were read again (before subscribers are told): a plan made from the old ones is stale.</summary>
    internal event Action? ListsRead;

    /// <summary>ICA's API base address (<c>IcaKms:IcaApiUrl</c>): the only place the key is ever sent.</summary>
    public Uri ApiUrl => _clients.BaseAddress;

    public IcaConnectionActivity Activity => _activity.Current;

    public bool IsConnected => Current is not null;

    /// <summary>True while the key is checked (derived from <see cref="Activity"/>).</summary>
    public bool IsConnecting => Activity == IcaConnectionActivity.Connecting;

    /// <summary>True while ICA's lists are read (derived from <see cref="Activity"/>).</summary>
    public bool IsRefreshing => Activity == IcaConnectionActivity.ReadingLists;

    /// <summary>The regions the key's user is entitled to, or null when not connected.</summary>
    public IReadOnlyList<IcaApiRegion>? Regions => Current?.Regions;

    /// <summary>ICA's region object for the wizard's ICA region, or null (not connected, or no entitlement).</summary>
    public IcaApiRegion? Region => Regions is { } regions ? IcaRegionMatch.Find(regions, _inputs.Region) : null;

    /// <summary>What to say when the tenant has no entitlement for the wizard's region; null otherwise.</summary>
    public string? RegionProblem => Regions is { } regions && Region is null ? IcaRegionMatch.NoEntitlement(regions, _inputs.Region) : null;

    /// <summary>The storage credentials in ICA (names and ids, never secrets).</summary>
    public IReadOnlyList<StorageCredential> Credentials { get; private set; } = [];

    /// <summary>The storage configurations in ICA.</summary>
    public IReadOnlyList<StorageConfiguration> Configurations { get; private set; } = [];

    /// <summary>Why the lists could not be read, or null.</summary>
    public string? ListProblem { get; private set; }

    /// <summary>The configuration in ICA with the wizard's name, or null.</summary>
    public StorageConfiguration? Existing => IsConnected ? StorageConfigurationComparison.Named(Configurations, _inputs.Inputs.ConfigurationName.Trim()) : null;

    /// <summary>How <see cref="Existing"/> differs from the wizard's values (empty when it is the same).</summary>
    public IReadOnlyList<ConfigurationDifference> Differences => Existing is { } existing
        ? StorageConfigurationComparison.Compare(existing, _inputs.Documents.StorageConfiguration, Region)
        : [];

    /// <summary>The connection every ICA call runs under now, or null when not connected.</summary>
    internal ConnectedIca? Current { get; private set; }

    ConnectedIca? IFlowConnection<ConnectedIca>.Current => Current;

    /// <summary>True while <paramref name="connected"/> is still the connection: a result read with another one is stale.</summary>
    internal bool IsCurrent(ConnectedIca connected) => ReferenceEquals(Current, connected);

    /// <summary>Re-renders the subscriber after every change of the connection, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>
    /// Connects with the API key typed into <paramref name="form"/>: the browser posts it, with a single-use ticket,
    /// straight to the server (never through the circuit's messages) and empties the field; it is checked at once
    /// with <c>GET /api/regions</c>, then ICA's lists are read. Returns a message for the user when that fails.
    /// </summary>
    public async Task<string?> ConnectAsync(ElementReference form)
    {
        if (_recorder.TakeCredentialCheck() is { } limited)
        {
            return limited;
        }

        HandoffReceipt receipt = await ReceiveAsync(form);
        if (receipt.Secrets is not { } handed)
        {
            return Refused(receipt.Outcome, "the API key");
        }

        string key = handed.IcaApiKey.Trim();
        return key.Length == 0 ? "Enter the ICA API key." : await ConnectWithKeyAsync(key);
    }

    /// <summary>Forgets the key, the lists and everything the ICA flows read or chose with it; calls in flight stop.</summary>
    public Task DisconnectAsync()
    {
        if (Current is null)
        {
            return Task.CompletedTask;
        }

        Forget();
        _logger.LogInformation("ICA disconnected");
        return _changes.NotifyAsync();
    }

    /// <summary>Reads the credentials and configurations again (not while another read runs or a plan uses the lists).</summary>
    public Task RefreshAsync() =>
        Current is { } connected && _activity.IsIdle && _listHolders == 0 ? ReadListsUnderAsync(connected) : Task.CompletedTask;

    /// <summary>The end of the circuit: calls in flight stop, and the key is dropped.</summary>
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

    /// <summary>Receives what the browser posted from <paramref name="form"/> through the credential hand-off.</summary>
    internal Task<HandoffReceipt> ReceiveAsync(ElementReference form) => _handoff.ReceiveAsync(_js, form, _circuitToken);

    /// <summary>What to say when a hand-off of <paramref name="what"/> did not bring it.</summary>
    internal static string Refused(HandoffOutcome outcome, string what) => outcome switch
    {
        HandoffOutcome.Busy => "The server is busy: try again in a minute.",
        HandoffOutcome.BrowserFailed => $"The browser could not send {what}: reload the page and try again.",
        _ => $"{char.ToUpperInvariant(what[0])}{what[1..]} did not reach the server: reload the page and try again.",
    };

    /// <summary>Reads ICA's lists under <paramref name="connected"/>; the read is kept, so a plan can wait for it instead of reading beside it.</summary>
    internal Task ReadListsUnderAsync(ConnectedIca connected)
    {
        _listsRead = _activity.RunUnderAsync(connected, IcaConnectionActivity.ReadingLists, ReadListsAsync, KeepLists);
        return _listsRead;
    }

    /// <summary>
    /// Makes the lists fresh for one plan: waits for a read still under way (it would replace the lists, and drop the plan,
    /// when it ends), reads again unless the last read is fresh and unused, and marks them used: the next plan reads ICA
    /// again, as ICA may have changed since.
    /// </summary>
    internal async Task UseFreshListsAsync(ConnectedIca connected)
    {
        if (IsRefreshing)
        {
            await _listsRead;
        }

        if (!_listsFresh)
        {
            await ReadListsUnderAsync(connected);
        }

        _listsFresh = false;
    }

    /// <summary>Keeps <see cref="RefreshAsync"/> from replacing the lists until the returned hold is disposed (a plan is made from them).</summary>
    internal IDisposable HoldLists()
    {
        _listHolders++;
        return new ListHold(this);
    }

    /// <summary>Shows the status ICA's validation ended with in the lists, instead of the one read before it.</summary>
    internal void ShowStatus(StorageConfiguration settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        Configurations = [.. Configurations.Select(c => c.Id == settled.Id ? settled with { StorageConfigurationDetails = c.StorageConfigurationDetails } : c)];
    }

    /// <summary>Tells the subscribers (after the coordinator changed what the lists show).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    private Task<string?> ConnectWithKeyAsync(string key) => _activity.RunConnectingAsync(IcaConnectionActivity.Connecting, async () =>
    {
        try
        {
            IIcaClient client = _clients.Create(key);
            Result<IReadOnlyList<IcaApiRegion>, IcaFailure> regions = await client.GetRegionsAsync(_circuitToken);
            if (regions.Failure is { } failure)
            {
                _logger.LogInformation("ICA API key refused at {IcaApiUrl}: {Kind} {Status}", ApiUrl, failure.Kind, failure.Status);
                return failure.Message;
            }

            Forget();
            var connected = new ConnectedIca(client, regions.Value!);
            Current = connected;
            _logger.LogInformation("ICA connected at {IcaApiUrl}: {RegionCount} entitled regions", ApiUrl, regions.Value!.Count);
            await ReadListsUnderAsync(connected);
            return null;
        }
        catch (OperationCanceledException) when (_circuitToken.IsCancellationRequested)
        {
            return null;
        }
    });

    private static async Task<(Result<IReadOnlyList<StorageCredential>, IcaFailure> Credentials, Result<IReadOnlyList<StorageConfiguration>, IcaFailure> Configurations)> ReadListsAsync(ConnectedIca connected)
    {
        Task<Result<IReadOnlyList<StorageCredential>, IcaFailure>> credentials = connected.Client.GetStorageCredentialsAsync(connected.Token);
        Task<Result<IReadOnlyList<StorageConfiguration>, IcaFailure>> configurations = connected.Client.GetStorageConfigurationsAsync(connected.Token);
        return (await credentials, await configurations);
    }

    private Task KeepLists(ConnectedIca connected, (Result<IReadOnlyList<StorageCredential>, IcaFailure> Credentials, Result<IReadOnlyList<StorageConfiguration>, IcaFailure> Configurations) lists)
    {
        Credentials = lists.Credentials.Value ?? [];
        Configurations = lists.Configurations.Value ?? [];
        ListProblem = lists.Credentials.Failure?.Message ?? lists.Configurations.Failure?.Message;
        _listsFresh = ListProblem is null;
        ListsRead?.Invoke();
        return Task.CompletedTask;
    }

    // The flows forget too (Changed), then the connection ends: the calls it cancels find their connection gone.
    private void Forget()
    {
        ConnectedIca? previous = Current;
        Current = null;
        Credentials = [];
        Configurations = [];
        ListProblem = null;
        _listsFresh = false;
        _activity.Reset();
        Changed?.Invoke();
        previous?.Dispose();
    }

    private sealed class ListHold(IcaConnection owner) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                owner._listHolders--;
            }
        }
    }
}
