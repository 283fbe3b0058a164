using IcaKms.Core.Ica;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Services;

/// <summary>What the validation watcher is doing.</summary>
public enum IcaValidationActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>ICA's validation of a configuration is read with a back-off until it settles or the time limit.</summary>
    Watching,
}

/// <summary>
/// Watches ICA's validation of the configuration an apply created or validated again (<see cref="IcaApply"/> starts it):
/// the status as it runs, then <c>OK</c>, or <c>ERROR</c> with ICA's message explained against the wizard's values, or
/// the time limit. The status it settled on is announced (<see cref="Settled"/>) so that ICA's lists can show it.
/// </summary>
public sealed class IcaValidationWatcher : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly IcaConnection _connection;
    private readonly IcaKmsOptions _options;
    private readonly ILogger<IcaValidationWatcher> _logger;
    private readonly TimeProvider _time;
    private readonly ChangeSubscriptions _changes = new();
    private readonly FlowActivity<IcaValidationActivity, ConnectedIca> _activity;
    private CancellationTokenSource? _watch;

    public IcaValidationWatcher(
        WizardInputs inputs, IcaConnection connection, IOptions<IcaKmsOptions> options, ILogger<IcaValidationWatcher> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inputs = inputs;
        _connection = connection;
        _options = options.Value;
        _logger = logger;
        _time = time;
        _activity = new FlowActivity<IcaValidationActivity, ConnectedIca>(connection, _changes);
        _connection.Changed += Forget;
    }

    /// <summary>Raised with the configuration as the watch last read it, when the watch ended (not when it was stopped).</summary>
    internal event Action<StorageConfiguration>? Settled;

    public IcaValidationActivity Activity => _activity.Current;

    /// <summary>True while ICA's validation is watched (derived from <see cref="Activity"/>).</summary>
    public bool IsWatching => Activity == IcaValidationActivity.Watching;

    /// <summary>The validation being (or last) watched, or null.</summary>
    public ValidationProgress? Validation { get; private set; }

    /// <summary>The configuration whose validation is watched.</summary>
    public string? ValidatedName { get; private set; }

    /// <summary>On <c>ERROR</c>: what ICA's message shows, compared with the wizard's values, and the live checks of it.</summary>
    public ValidationErrorExplanation? Explanation =>
        Validation?.Configuration is { Status: StorageConfigurationStatus.Error } failed
            ? ValidationErrorExplanation.Of(failed.ErrorMessage, _inputs.Documents.StorageConfiguration, _inputs.Inputs.IamUserName.Trim())
            : null;

    /// <summary>Re-renders the subscriber after every change of the watch, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>Stops watching the validation (ICA goes on validating).</summary>
    public Task StopWatchingAsync()
    {
        StopWatching();
        return _changes.NotifyAsync();
    }

    /// <summary>Watches the validation of the configuration <paramref name="id"/> under <paramref name="connected"/> until it settles.</summary>
    internal Task WatchUnderAsync(ConnectedIca connected, string id, string name)
    {
        StopWatching();
        var watch = CancellationTokenSource.CreateLinkedTokenSource(connected.Token);
        _watch = watch;
        ValidatedName = name;
        var watcher = new ValidationWatch(_time) { Limit = _options.IcaValidationTimeLimit is { } limit && limit > TimeSpan.Zero ? limit : TimeSpan.FromMinutes(5) };
        return _activity.RunUnderAsync(connected, IcaValidationActivity.Watching, c => ReadUntilSettledAsync(watcher, c, id, name, watch), (_, end) =>
        {
            if (end?.Configuration is { } last)
            {
                Settled?.Invoke(last);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Stops a watch and hides its progress (a new apply starts).</summary>
    internal void Clear()
    {
        StopWatching();
        Validation = null;
    }

    /// <summary>Stops a watch and forgets the validation (the connection changed, or "Start over").</summary>
    internal void Forget()
    {
        Clear();
        ValidatedName = null;
        _activity.Reset();
    }

    /// <summary>Tells the subscribers (after the coordinator made this flow forget).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    public void Dispose()
    {
        _connection.Changed -= Forget;
        StopWatching();
    }

    // The last progress read, or null when the watch was stopped (stopped, disconnected, or a new apply started).
    private async Task<ValidationProgress?> ReadUntilSettledAsync(ValidationWatch watcher, ConnectedIca connected, string id, string name, CancellationTokenSource watch)
    {
        try
        {
            Validation = new ValidationProgress(null, 0, TimeSpan.Zero);
            await _changes.NotifyAsync();
            ValidationProgress end = Validation;
            await foreach (ValidationProgress progress in watcher.WatchAsync(connected.Client, id, watch.Token))
            {
                end = progress;
                if (ReferenceEquals(_watch, watch))
                {
                    Validation = progress;
                    await _changes.NotifyAsync();
                }
            }

            _logger.LogInformation("ICA validation of {Configuration}: {Status} after {Reads} reads, {Elapsed} ({Outcome})",
                name, end.Configuration?.Status, end.Reads, end.Elapsed, end.TimedOut ? "time limit" : end.Failure?.Kind.ToString() ?? "settled");
            return end;
        }
        catch (OperationCanceledException) when (watch.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            if (ReferenceEquals(_watch, watch))
            {
                _watch = null;
            }

            watch.Dispose();
        }
    }

    private void StopWatching()
    {
        CancellationTokenSource? watch = _watch;
        _watch = null;
        watch?.Cancel();
    }
}
