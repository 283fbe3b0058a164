using IcaKms.Core.Ica;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services;

/// <content>
/// Plan → confirm → apply → watch: the plan is computed from ICA's lists read again, shown with its curl commands, and
/// applied only by <see cref="ApplyAsync"/> after the person confirmed; then ICA's validation is watched with a back-off
/// until <c>OK</c>, <c>ERROR</c> or the time limit.
/// </content>
public sealed partial class IcaSession
{
    private PlannedIca? _plan;
    private CancellationTokenSource? _watch;
    private StorageCredential? _carried;
    private string? _pendingCredentialName;
    private bool _carriedLate;

    public bool IsPlanning { get; private set; }

    public bool IsApplying { get; private set; }

    /// <summary>True while ICA's validation is watched.</summary>
    public bool IsWatching { get; private set; }

    /// <summary>The current plan, or null (none yet, or the wizard's values or the choice changed since).</summary>
    public SetupPlan? Plan => _plan is { } plan && ReferenceEquals(plan.For, _state.Validation) && plan.Description == _state.Inputs.Description ? plan.Plan : null;

    /// <summary>What applying the last plan did, or null.</summary>
    public ApplyResult? Applied { get; private set; }

    /// <summary>The validation being (or last) watched, or null.</summary>
    public ValidationProgress? Validation { get; private set; }

    /// <summary>The configuration whose validation is watched.</summary>
    public string? ValidatedName { get; private set; }

    /// <summary>On <c>ERROR</c>: what ICA's message shows, compared with the wizard's values, and the live checks of it.</summary>
    public ValidationErrorExplanation? Explanation =>
        Validation?.Configuration is { Status: StorageConfigurationStatus.Error } failed
            ? ValidationErrorExplanation.Of(failed.ErrorMessage, _state.Documents.StorageConfiguration, _state.Inputs.IamUserName.Trim())
            : null;

    /// <summary>
    /// Why the credential choice is an existing credential the admin did not pick: the last apply created it (or a create
    /// whose answer was lost turned out to have made it), so the next plan starts from it. Null otherwise.
    /// </summary>
    public string? CarriedCredentialNote => Credential is { Source: CredentialSource.Existing } chosen && _carried is { } carried && chosen.ExistingId == carried.Id
        ? _carriedLate
            ? $"ICA lists the storage credential {carried.Name} now, although its create had no answer: ICA holds its access key, so keep that key. The next plan uses {carried.Name} (chosen under \"Use an existing credential\"), so nothing is created twice."
            : $"The storage credential {carried.Name} is in ICA now, made by the last apply: the next plan uses it (chosen under \"Use an existing credential\"), so nothing is created twice."
        : null;

    /// <summary>Computes the plan from ICA's lists: those read at connect, or read again when a plan or an apply used them.</summary>
    public async Task PlanAsync()
    {
        if (_connection is not { } connection || IsPlanning || IsApplying)
        {
            return;
        }

        IsPlanning = true;
        await _changes.NotifyAsync();
        try
        {
            // A read still under way (the one after an apply retries while ICA answers errors) ends by replacing the lists
            // and dropping the plan: wait for it, so the plan made here is not dropped when it ends.
            if (IsRefreshing)
            {
                await _refresh;
            }

            if (!_listsFresh)
            {
                await RefreshWithAsync(connection);
            }

            if (!ReferenceEquals(_connection, connection))
            {
                return;
            }

            // A plan uses the lists once: the next one reads ICA again, as ICA may have changed since.
            _listsFresh = false;
            SetupPlan plan = IcaPlanner.Plan(new IcaPlanRequest(
                ApiUrl, _state.Documents.StorageConfiguration, InputProblems(), Region, RegionProblem, Credential, Credentials, Configurations, Share));
            _plan = new PlannedIca(plan, _state.Validation, _state.Inputs.Description);
        }
        finally
        {
            IsPlanning = false;
            await _changes.NotifyAsync();
        }
    }

    /// <summary>Applies the current plan, which the person has just confirmed, then watches ICA's validation.</summary>
    public async Task ApplyAsync()
    {
        if (_connection is not { } connection || IsApplying || IsPlanning || Plan is not { IsEmpty: false } plan || !_recorder.MayApply())
        {
            return;
        }

        IsApplying = true;
        StopWatching();
        Validation = null;
        await _changes.NotifyAsync();
        IcaApplyResult result;
        try
        {
            string principal = $"ICA API key at {ApiUrl.Host}" + (_aws.Identity is { } identity ? $"; AWS {identity.Arn}" : string.Empty);
            result = await IcaApplier.ApplyAsync(connection.Client, _aws.Iam, plan, connection.PastedKey, principal, _time, _recorder.Record, connection.Token);
            connection.PastedKey = null;
            if (!ReferenceEquals(_connection, connection))
            {
                return;
            }

            Applied = result.Result;
            _plan = null;
            _pendingCredentialName = null;
            if (result.Credential is { } made && result.ConfigurationId is null)
            {
                // The configuration was not made: the next plan starts from the credential ICA has now.
                _carried = made;
                _carriedLate = false;
                Credential = new CredentialChoice(CredentialSource.Existing, made.Id, made.Name);
            }
            else if (result.Credential is null && Credential is { Source: not CredentialSource.Existing } asked &&
                result.Result.Changes.Any(c => c.Change is CreateStorageCredentialChange && c.Outcome == ChangeOutcome.Failed))
            {
                // Its create may still show up in ICA (an answer lost, ICA finishing late): a plan that finds it carries on with it.
                _pendingCredentialName = asked.Name;
            }

            if (Credential?.Source == CredentialSource.PastedKey)
            {
                // The secret is gone: a new plan needs it pasted again.
                Credential = null;
            }
        }
        finally
        {
            IsApplying = false;
            await _changes.NotifyAsync();
        }

        // A plan started meanwhile (Plan pressed as the apply ended) reads the lists itself.
        if (!IsPlanning)
        {
            await RefreshWithAsync(connection);
        }

        if (result.ValidationStarted && result.ConfigurationId is { } id && ReferenceEquals(_connection, connection))
        {
            await WatchAsync(connection, id, plan.Changes.OfType<ValidateStorageConfigurationChange>().First().Name);
        }
    }

    /// <summary>Stops watching the validation (ICA goes on validating).</summary>
    public Task StopWatchingAsync()
    {
        StopWatching();
        return _changes.NotifyAsync();
    }

    /// <summary>The task of the watch started last (tests await it).</summary>
    internal Task? WatchInFlight { get; private set; }

    private Task WatchAsync(Connection connection, string id, string name)
    {
        var watch = CancellationTokenSource.CreateLinkedTokenSource(connection.Token);
        _watch = watch;
        ValidatedName = name;
        IsWatching = true;
        var watcher = new ValidationWatch(_time) { Limit = _options.IcaValidationTimeLimit is { } limit && limit > TimeSpan.Zero ? limit : TimeSpan.FromMinutes(5) };
        WatchInFlight = RunWatchAsync(watcher, connection, id, name, watch);
        return WatchInFlight;
    }

    private async Task RunWatchAsync(ValidationWatch watcher, Connection connection, string id, string name, CancellationTokenSource watch)
    {
        try
        {
            Validation = new ValidationProgress(null, 0, TimeSpan.Zero);
            await _changes.NotifyAsync();
            ValidationProgress end = Validation;
            await foreach (ValidationProgress progress in watcher.WatchAsync(connection.Client, id, watch.Token))
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
            if (end.Configuration is { } last && ReferenceEquals(_connection, connection))
            {
                // The lists show the status the watch ended with, not the one read before it.
                Configurations = [.. Configurations.Select(c => c.Id == last.Id ? last with { StorageConfigurationDetails = c.StorageConfigurationDetails } : c)];
            }
        }
        catch (OperationCanceledException) when (watch.IsCancellationRequested)
        {
            // Stopped, disconnected, or a new apply started.
        }
        finally
        {
            if (ReferenceEquals(_watch, watch))
            {
                IsWatching = false;
                _watch = null;
            }

            watch.Dispose();
            if (!_circuit.IsCancellationRequested)
            {
                await _changes.NotifyAsync();
            }
        }
    }

    private void StopWatching()
    {
        CancellationTokenSource? watch = _watch;
        _watch = null;
        IsWatching = false;
        watch?.Cancel();
    }

    private List<string> InputProblems()
    {
        SetupValidation validation = _state.Validation;
        var problems = new List<string>();
        foreach ((string label, Core.Validation.FieldValidation field) in new[]
        {
            ("Bucket name (step 1)", validation.BucketName),
            ("KMS key ARN (step 1)", validation.KeyArn),
            ("Key prefix (step 1)", validation.KeyPrefix),
            ("Configuration name (step 3)", validation.ConfigurationName),
        })
        {
            if (field.Error is { } error)
            {
                problems.Add($"{label}: {error}");
            }
        }

        return problems;
    }

    private void ForgetPlan() => _plan = null;

    // A credential whose create failed without a certain answer, now listed by ICA: the plan carries on with it.
    partial void AdoptPendingCredential()
    {
        if (_pendingCredentialName is { } name && Credentials.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal)) is { } found)
        {
            _pendingCredentialName = null;
            _carried = found;
            _carriedLate = true;
            Credential = new CredentialChoice(CredentialSource.Existing, found.Id, found.Name);
        }
    }

    private void ForgetApplied()
    {
        StopWatching();
        _carried = null;
        _pendingCredentialName = null;
        Applied = null;
        Validation = null;
        ValidatedName = null;
    }

    /// <summary>A plan and the wizard values it was made for.</summary>
    private sealed record PlannedIca(SetupPlan Plan, SetupValidation For, string Description);
}
