using System.Diagnostics;
using IcaKms.Core;
using IcaKms.Core.Checks;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using Microsoft.AspNetCore.Components;
using static IcaKms.Web.Services.AwsConnection;

namespace IcaKms.Web.Services;

/// <summary>What the AWS apply flow is doing.</summary>
public enum ApplyActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>A plan is computed.</summary>
    Planning,

    /// <summary>A plan is applied (then inspected, verified and planned again): no other plan starts meanwhile.</summary>
    Applying,

    /// <summary>The bucket is verified with a test write.</summary>
    Verifying,
}

/// <summary>
/// The AWS apply flow: plan → confirm → apply → verify, and the one-click restore of a key policy it replaced. A plan is
/// computed from a fresh inspection (<see cref="AwsInspection"/>), shown with its documents and CLI commands, and applied
/// only by <see cref="ApplyAsync"/>, which the page calls after the person confirmed; then the setup is inspected again
/// and planned again (a second run plans nothing). Every change goes to the <see cref="ChangeRecorder"/>; a key it
/// created is announced (<see cref="KeyCreated"/>), and the coordinator puts it into the inputs.
/// </summary>
public sealed class AwsApply : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly AwsConnection _connection;
    private readonly AwsInspection _inspection;
    private readonly ChangeRecorder _recorder;
    private readonly IcaKmsTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<AwsApply> _logger;
    private readonly ChangeSubscriptions _changes = new();
    private readonly FlowActivity<ApplyActivity, ConnectedSession> _activity;
    private readonly Dictionary<PlanScope, PlannedWork> _plans = [];
    private SetupChange? _undo;

    public AwsApply(
        WizardInputs inputs, AwsConnection connection, AwsInspection inspection, ChangeRecorder recorder, IcaKmsTelemetry telemetry,
        TimeProvider time, ILogger<AwsApply> logger)
    {
        _inputs = inputs;
        _connection = connection;
        _inspection = inspection;
        _recorder = recorder;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        _activity = new FlowActivity<ApplyActivity, ConnectedSession>(connection, _changes);
        _connection.Changed += Forget;
    }

    /// <summary>Raised with the ARN of a key an apply just created, before the setup is inspected again.</summary>
    internal event Action<string>? KeyCreated;

    public ApplyActivity Activity => _activity.Current;

    /// <summary>True while a plan is computed (derived from <see cref="Activity"/>).</summary>
    public bool IsPlanning => Activity == ApplyActivity.Planning;

    /// <summary>True while a plan is applied or the bucket verified: no other write starts meanwhile.</summary>
    public bool IsApplying => Activity is ApplyActivity.Applying or ApplyActivity.Verifying;

    /// <summary>The last verification write, or null.</summary>
    public VerificationResult? Verification { get; private set; }

    /// <summary>The key policy a merge replaced in this session, which <see cref="RestoreKeyPolicyAsync"/> writes back.</summary>
    public RestorableKeyPolicy? RestorableKeyPolicy => _undo is { Before: { } written, After: { } previous } undo ? new RestorableKeyPolicy(undo.Resource, previous, written) : null;

    /// <summary>Re-renders the subscriber after every change of this flow, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>The current plan of a scope, or null (none yet, or the inputs changed since it was made).</summary>
    public SetupPlan? PlanOf(PlanScope scope) =>
        _plans.TryGetValue(scope, out PlannedWork? work) && work.For == _inspection.CurrentRequest() ? work.Plan : null;

    /// <summary>What applying a scope's plan did last, or null.</summary>
    public ApplyResult? AppliedOf(PlanScope scope) => _plans.TryGetValue(scope, out PlannedWork? work) ? work.Applied : null;

    /// <summary>Computes the plan of a scope from a fresh inspection (inspecting first when needed).</summary>
    public Task PlanAsync(PlanScope scope)
    {
        if (!_activity.IsIdle || _inspection.IsInspecting)
        {
            return Task.CompletedTask;
        }

        return _activity.RunAsync(ApplyActivity.Planning, connected => ComputePlanAsync(connected, scope), (_, plan) =>
        {
            if (plan is not null)
            {
                _plans[scope] = new PlannedWork(plan, _inspection.CurrentRequest(), _plans.GetValueOrDefault(scope)?.Applied);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Applies a scope's current plan, which the person has just confirmed; then inspects again, verifies the bucket with
    /// a real write when the bucket was changed, and plans again.
    /// </summary>
    public Task ApplyAsync(PlanScope scope)
    {
        if (!_connection.IsConnected || !_activity.IsIdle || PlanOf(scope) is not { IsEmpty: false } plan || !_recorder.MayApply())
        {
            return Task.CompletedTask;
        }

        InspectionRequest planned = _inspection.CurrentRequest();
        string region = _inputs.Inputs.AwsRegion;
        return _activity.RunAsync(ApplyActivity.Applying, WriteAsync, FollowUpAsync);

        async Task<ApplyResult> WriteAsync(ConnectedSession connected)
        {
            using Activity? span = _telemetry.StartApply(scope, plan);
            ApplyResult result = await SetupApplier.ApplyAsync(
                connected.Gateways(region), plan, connected.Session.Identity.Arn, _time, _recorder.Record, connected.Token);
            IcaKmsTelemetry.ApplyEnded(span, result);
            return result;
        }

        // Only while the connection is the one applied with: after a Disconnect the applier stopped before its next
        // write, and the history and the log hold what was done.
        async Task FollowUpAsync(ConnectedSession connected, ApplyResult result)
        {
            _plans[scope] = new PlannedWork(plan, planned, result);
            RememberKeyPolicy(result);
            if (result.CreatedKeyArn is { } createdKey)
            {
                KeyCreated?.Invoke(createdKey);
            }

            await _inspection.InspectUnderAsync(connected);
            if (scope == PlanScope.Bucket && result.Succeeded && _connection.IsCurrent(connected))
            {
                await VerifyUnderAsync(connected);
            }

            SetupPlan? next = scope != PlanScope.Key && _connection.IsCurrent(connected) ? await ComputePlanAsync(connected, scope) : null;
            if (next is not null && _connection.IsCurrent(connected))
            {
                _plans[scope] = new PlannedWork(next, _inspection.CurrentRequest(), result);
            }
        }
    }

    /// <summary>Writes a test object under the prefix (no encryption headers), checks S3 stored it with the key, deletes it.</summary>
    public Task VerifyAsync()
    {
        // Refused while planning too: one activity at a time (the page's button is disabled then anyway).
        if (!_connection.IsConnected || !_activity.IsIdle || !_recorder.MayApply())
        {
            return Task.CompletedTask;
        }

        return _activity.RunAsync(ApplyActivity.Verifying, async connected =>
        {
            await VerifyUnderAsync(connected);
            return true;
        }, (_, _) => Task.CompletedTask);
    }

    /// <summary>Plans the one-click restore of the key policy a merge replaced in this session (applied by <see cref="ApplyAsync"/>).</summary>
    public Task RestoreKeyPolicyAsync()
    {
        if (_undo is not { } undo)
        {
            return Task.CompletedTask;
        }

        _plans[PlanScope.KeyPolicy] = new PlannedWork(
            new SetupPlan(WizardStep.CrossAccount, [undo], [], ["The key policy goes back to what it was before IcaKms changed it in this session."]),
            _inspection.CurrentRequest(),
            null);
        return _changes.NotifyAsync();
    }

    /// <summary>Forgets every plan, what they did and the verification (Disconnect, a new connection, "Start over").</summary>
    internal void Forget()
    {
        _plans.Clear();
        Verification = null;
        _undo = null;
        _activity.Reset();
    }

    /// <summary>Tells the subscribers (after the coordinator made this flow forget).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    public void Dispose() => _connection.Changed -= Forget;

    private async Task<SetupPlan?> ComputePlanAsync(ConnectedSession connected, PlanScope scope)
    {
        InspectionRequest request = _inspection.CurrentRequest();
        if (scope == PlanScope.Key)
        {
            return KeyPlanner.Plan(request);
        }

        if (_inspection.Snapshot is null || _inspection.InspectionIsStale)
        {
            if (!_inspection.TakeInspection())
            {
                return null;
            }

            await _inspection.InspectUnderAsync(connected);
        }

        if (_inspection.Snapshot is not { } snapshot || !_connection.IsCurrent(connected))
        {
            return null;
        }

        // The same planning as the CLI's apply (Core's LivePlanning); the scopes are the setup's parts.
        SetupPart part = scope switch
        {
            PlanScope.Bucket => SetupPart.Bucket,
            PlanScope.KeyPolicy => SetupPart.KeyPolicy,
            _ => SetupPart.Iam,
        };
        return await LivePlanning.PlanAsync(
            part, request, snapshot, connected.Gateways(request.AwsRegion), connected.Session.Identity.Arn, connected.Token);
    }

    private async Task VerifyUnderAsync(ConnectedSession connected)
    {
        InspectionRequest request = _inspection.CurrentRequest();
        if (request.BucketName is not string bucket || request.KeyArn is not string keyArn)
        {
            Verification = new VerificationResult(false, "Enter a valid bucket name and key ARN in step 1 first.");
            return;
        }

        VerificationResult result = await SetupVerification.RunAsync(connected.Gateways(request.AwsRegion).S3, bucket, request.Prefix, keyArn, connected.Token);
        if (_connection.IsCurrent(connected))
        {
            Verification = result;
            _logger.LogInformation("IcaKms verification {Outcome} on {Bucket} by {Principal}", result.Passed ? "passed" : "failed", bucket, connected.Session.Identity.Arn);
        }
    }

    private void RememberKeyPolicy(ApplyResult result)
    {
        foreach (AppliedChange applied in result.Changes.Where(c => c.Outcome == ChangeOutcome.Done))
        {
            // The undo itself, once done, is offered no more; a change that offers one (a merge) replaces the offer.
            _undo = Equals(applied.Change, _undo) ? null : applied.Change.Undo ?? _undo;
        }
    }

    /// <summary>A plan, the inputs it was made for, and what applying it did.</summary>
    private sealed record PlannedWork(SetupPlan Plan, InspectionRequest For, ApplyResult? Applied);
}

/// <summary>The key policy as it was before a merge in this session (<see cref="Previous"/>), and what IcaKms wrote.</summary>
public sealed record RestorableKeyPolicy(string KeyArn, string Previous, string Written);
