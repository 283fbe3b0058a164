using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Services;

/// <summary>What the ICA apply flow is doing.</summary>
public enum IcaApplyActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>A plan is computed from ICA's lists, read again when a plan or an apply used them.</summary>
    Planning,

    /// <summary>A plan is applied: no other plan starts meanwhile.</summary>
    Applying,
}

/// <summary>
/// The ICA apply flow: plan → confirm → apply → watch the validation. The plan is computed from ICA's lists
/// (<see cref="IcaConnection"/>) and the admin's choices (<see cref="IcaPlanChoices"/>), shown with its curl commands,
/// and applied only by <see cref="ApplyAsync"/> after the person confirmed; each change re-reads ICA first and a lost
/// answer is settled by reading ICA again (the handlers in Core). Every change goes to the <see cref="ChangeRecorder"/>;
/// what an apply leaves for the next plan is announced (<see cref="ApplyEnded"/>) and the coordinator carries it on.
/// It depends on the AWS connection only for the new access key, never on the AWS apply flow.
/// </summary>
public sealed class IcaApply : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly IcaConnection _connection;
    private readonly IcaPlanChoices _choices;
    private readonly IcaValidationWatcher _validation;
    private readonly AwsConnection _aws;
    private readonly ChangeRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ChangeSubscriptions _changes = new();
    private readonly FlowActivity<IcaApplyActivity, ConnectedIca> _activity;
    private PlannedIca? _plan;

    public IcaApply(
        WizardInputs inputs, IcaConnection connection, IcaPlanChoices choices, IcaValidationWatcher validation, AwsConnection aws, ChangeRecorder recorder, TimeProvider time)
    {
        _inputs = inputs;
        _connection = connection;
        _choices = choices;
        _validation = validation;
        _aws = aws;
        _recorder = recorder;
        _time = time;
        _activity = new FlowActivity<IcaApplyActivity, ConnectedIca>(connection, _changes);
        _connection.Changed += Forget;
        _connection.ListsRead += ForgetPlan;
    }

    /// <summary>Raised with what an apply did, before ICA's lists are read again (the coordinator carries its credential on).</summary>
    internal event Action<IcaApplyResult>? ApplyEnded;

    public IcaApplyActivity Activity => _activity.Current;

    /// <summary>True while a plan is computed (derived from <see cref="Activity"/>).</summary>
    public bool IsPlanning => Activity == IcaApplyActivity.Planning;

    /// <summary>True while a plan is applied (derived from <see cref="Activity"/>).</summary>
    public bool IsApplying => Activity == IcaApplyActivity.Applying;

    /// <summary>The current plan, or null (none yet, or the wizard's values or the choices changed since).</summary>
    public SetupPlan? Plan => _plan is { } plan && ReferenceEquals(plan.For, _inputs.Validation) && plan.Description == _inputs.Inputs.Description &&
        plan.ChoicesRevision == _choices.Revision ? plan.Plan : null;

    /// <summary>What applying the last plan did, or null.</summary>
    public ApplyResult? Applied { get; private set; }

    /// <summary>Re-renders the subscriber after every change of this flow, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>Computes the plan from ICA's lists: those read at connect, or read again when a plan or an apply used them.</summary>
    public async Task PlanAsync()
    {
        if (!_activity.IsIdle)
        {
            return;
        }

        // A Refresh beside the plan would replace the lists, and drop the plan, when it ends.
        using IDisposable hold = _connection.HoldLists();
        await _activity.RunAsync(IcaApplyActivity.Planning, async connected =>
        {
            await _connection.UseFreshListsAsync(connected);
            SetupPlan plan = IcaPlanner.Plan(new IcaPlanRequest(
                _connection.ApiUrl, _inputs.Documents.StorageConfiguration, InputProblems(), _connection.Region, _connection.RegionProblem,
                _choices.Credential, _connection.Credentials, _connection.Configurations, _choices.Share));
            return new PlannedIca(plan, _inputs.Validation, _inputs.Inputs.Description, _choices.Revision);
        }, (_, planned) =>
        {
            _plan = planned;
            return Task.CompletedTask;
        });
    }

    /// <summary>Applies the current plan, which the person has just confirmed, then reads ICA's lists and watches its validation.</summary>
    public async Task ApplyAsync()
    {
        if (_connection.Current is not { } connected || !_activity.IsIdle || Plan is not { IsEmpty: false } plan || !_recorder.MayApply())
        {
            return;
        }

        _validation.Clear();
        IcaApplyResult? result = null;
        await _activity.RunUnderAsync(connected, IcaApplyActivity.Applying, c =>
        {
            string principal = $"ICA API key at {_connection.ApiUrl.Host}" + (_aws.Identity is { } identity ? $"; AWS {identity.Arn}" : string.Empty);
            return IcaApplier.ApplyAsync(c.Client, _aws.Iam, plan, _choices.TakePastedKey(), principal, _time, _recorder.Record, c.Token);
        }, (_, applied) =>
        {
            result = applied;
            Applied = applied.Result;
            _plan = null;
            ApplyEnded?.Invoke(applied);
            return Task.CompletedTask;
        });
        if (result is null)
        {
            // Disconnected meanwhile: the applier stopped before its next write, and the history and the log hold what was done.
            return;
        }

        // A plan started meanwhile (Plan pressed as the apply ended) reads the lists itself.
        if (!IsPlanning)
        {
            await _connection.ReadListsUnderAsync(connected);
        }

        if (result.ValidatedName is { } name && result.ConfigurationId is { } id && _connection.IsCurrent(connected))
        {
            await _validation.WatchUnderAsync(connected, id, name);
        }
    }

    /// <summary>Forgets the plan and what the last apply did (the connection changed, or "Start over").</summary>
    internal void Forget()
    {
        _plan = null;
        Applied = null;
        _activity.Reset();
    }

    /// <summary>Tells the subscribers (after the coordinator made this flow forget).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    public void Dispose()
    {
        _connection.Changed -= Forget;
        _connection.ListsRead -= ForgetPlan;
    }

    // ICA's lists were read again: a plan made from the old ones is stale.
    private void ForgetPlan() => _plan = null;

    private List<string> InputProblems()
    {
        SetupValidation validation = _inputs.Validation;
        var problems = new List<string>();
        foreach ((string label, FieldValidation field) in new[]
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

    /// <summary>A plan and the wizard values and choices it was made for.</summary>
    private sealed record PlannedIca(SetupPlan Plan, SetupValidation For, string Description, int ChoicesRevision);
}
