using System.Diagnostics;
using IcaKms.Core;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services;

/// <content>
/// The apply flow: plan → confirm → apply → verify. A plan is computed from a fresh inspection, shown with its
/// documents and CLI commands, and applied only by <see cref="ApplyAsync"/>, which the page calls after the person
/// confirmed; then the setup is inspected again and planned again (a second run plans nothing).
/// </content>
public sealed partial class WizardSession
{
    private readonly Dictionary<PlanScope, PlannedWork> _plans = [];
    private readonly List<AppliedChange> _history = [];

    /// <summary>True while a plan is computed.</summary>
    public bool IsPlanning { get; private set; }

    /// <summary>True while a plan is applied: no other flow starts meanwhile.</summary>
    public bool IsApplying { get; private set; }

    /// <summary>Every change applied in this tab, in order, with who, what, when and the documents (the audit record).</summary>
    public IReadOnlyList<AppliedChange> History => _history;

    /// <summary>The last verification write, or null.</summary>
    public VerificationResult? Verification { get; private set; }

    /// <summary>The key policy a merge replaced in this session, which <see cref="RestoreKeyPolicyAsync"/> writes back.</summary>
    public RestorableKeyPolicy? RestorableKeyPolicy { get; private set; }

    /// <summary>The current plan of a scope, or null (none yet, or the inputs changed since it was made).</summary>
    public SetupPlan? PlanOf(PlanScope scope) =>
        _plans.TryGetValue(scope, out PlannedWork? work) && work.For == CurrentRequest() ? work.Plan : null;

    /// <summary>What applying a scope's plan did last, or null.</summary>
    public ApplyResult? AppliedOf(PlanScope scope) => _plans.TryGetValue(scope, out PlannedWork? work) ? work.Applied : null;

    /// <summary>Computes the plan of a scope from a fresh inspection (inspecting first when needed).</summary>
    public async Task PlanAsync(PlanScope scope)
    {
        if (_connected is not { } connected || IsPlanning || IsApplying || IsInspecting)
        {
            return;
        }

        IsPlanning = true;
        await _changes.NotifyAsync();
        try
        {
            SetupPlan? plan = await ComputePlanAsync(connected, scope);
            if (plan is not null && ReferenceEquals(_connected, connected))
            {
                _plans[scope] = new PlannedWork(plan, CurrentRequest(), _plans.GetValueOrDefault(scope)?.Applied);
            }
        }
        catch (OperationCanceledException) when (connected.Token.IsCancellationRequested)
        {
            // Disconnected while planning: nothing to show.
        }
        finally
        {
            if (ReferenceEquals(_connected, connected))
            {
                IsPlanning = false;
            }

            await _changes.NotifyAsync();
        }
    }

    /// <summary>
    /// Applies a scope's current plan, which the person has just confirmed; then inspects again, verifies the bucket with
    /// a real write when the bucket was changed, and plans again.
    /// </summary>
    public async Task ApplyAsync(PlanScope scope)
    {
        if (_connected is not { } connected || IsApplying || IsPlanning || PlanOf(scope) is not { IsEmpty: false } plan)
        {
            return;
        }

        if (!MayApply())
        {
            return;
        }

        IsApplying = true;
        await _changes.NotifyAsync();
        try
        {
            string region = _state.Inputs.AwsRegion;
            InspectionRequest planned = CurrentRequest();
            ApplyResult result;
            using (Activity? span = _telemetry.StartApply(scope, plan))
            {
                result = await SetupApplier.ApplyAsync(
                    connected.Gateways(region), plan, connected.Session.Identity.Arn, _time, Record, connected.Token);
                IcaKmsTelemetry.ApplyEnded(span, result);
            }

            if (!ReferenceEquals(_connected, connected))
            {
                // Disconnected meanwhile: the applier stopped before its next write, and the history and the log
                // hold what was done; nothing else of that session is kept.
                return;
            }

            _plans[scope] = new PlannedWork(plan, planned, result);
            RememberKeyPolicy(result);
            if (result.CreatedKeyArn is { } createdKey)
            {
                _state.SetKeyArn(createdKey);
            }

            await InspectWithAsync(connected);
            if (scope == PlanScope.Bucket && result.Succeeded && ReferenceEquals(_connected, connected))
            {
                await VerifyWithAsync(connected);
            }

            SetupPlan? next = scope != PlanScope.Key && ReferenceEquals(_connected, connected) ? await ComputePlanAsync(connected, scope) : null;
            if (next is not null && ReferenceEquals(_connected, connected))
            {
                _plans[scope] = new PlannedWork(next, CurrentRequest(), result);
            }
        }
        catch (OperationCanceledException) when (connected.Token.IsCancellationRequested)
        {
            // Disconnected while applying: the writes made so far are in the log and the history.
        }
        finally
        {
            if (ReferenceEquals(_connected, connected))
            {
                IsApplying = false;
            }

            await _changes.NotifyAsync();
        }
    }

    /// <summary>Writes a test object under the prefix (no encryption headers), checks S3 stored it with the key, deletes it.</summary>
    public async Task VerifyAsync()
    {
        if (_connected is not { } connected || IsApplying || !MayApply())
        {
            return;
        }

        IsApplying = true;
        await _changes.NotifyAsync();
        try
        {
            await VerifyWithAsync(connected);
        }
        catch (OperationCanceledException) when (connected.Token.IsCancellationRequested)
        {
            // Disconnected while verifying.
        }
        finally
        {
            if (ReferenceEquals(_connected, connected))
            {
                IsApplying = false;
            }

            await _changes.NotifyAsync();
        }
    }

    /// <summary>Plans the one-click restore of the key policy a merge replaced in this session (applied by <see cref="ApplyAsync"/>).</summary>
    public Task RestoreKeyPolicyAsync()
    {
        if (RestorableKeyPolicy is not { } restorable)
        {
            return Task.CompletedTask;
        }

        var change = new RestoreKeyPolicyChange(restorable.KeyArn) { Before = restorable.Written, After = restorable.Previous };
        _plans[PlanScope.KeyPolicy] = new PlannedWork(
            new SetupPlan(WizardStep.CrossAccount, [change], [], ["The key policy goes back to what it was before IcaKms changed it in this session."]),
            CurrentRequest(),
            null);
        return _changes.NotifyAsync();
    }

    private async Task<SetupPlan?> ComputePlanAsync(ConnectedSession connected, PlanScope scope)
    {
        InspectionRequest request = CurrentRequest();
        if (scope == PlanScope.Key)
        {
            return KeyPlanner.Plan(request);
        }

        if (Snapshot is null || InspectionIsStale)
        {
            if (!TakeInspection())
            {
                return null;
            }

            await InspectWithAsync(connected);
        }

        if (Snapshot is not { } snapshot || !ReferenceEquals(_connected, connected))
        {
            return null;
        }

        switch (scope)
        {
            case PlanScope.Bucket:
                return BucketPlanner.Plan(request, snapshot);
            case PlanScope.KeyPolicy:
                return KeyPolicyPlanner.Plan(request, snapshot, connected.Session.Identity.Arn);
            default:
                if (request.IamUserName is not string user || request.BucketName is not string bucket)
                {
                    return new SetupPlan(WizardStep.IamPolicy, [], ["Enter the IAM user ICA will use (for example ica-storage) above, and a valid bucket name in step 1."], []);
                }

                IamPlanFacts facts = await IamPlanReader.ReadAsync(
                    connected.Gateways(request.AwsRegion).Iam, user, request.PolicyArn, bucket, connected.Session.Identity.Arn, connected.Token);
                bool granted = Checks?.FirstOrDefault(c => c.Id == LiveCheckIds.IamPolicy)?.State == CheckState.Pass;
                return IamPlanner.Plan(request, granted, facts);
        }
    }

    private async Task VerifyWithAsync(ConnectedSession connected)
    {
        InspectionRequest request = CurrentRequest();
        if (request.BucketName is not string bucket || request.KeyArn is not string keyArn)
        {
            Verification = new VerificationResult(false, "Enter a valid bucket name and key ARN in step 1 first.");
            return;
        }

        VerificationResult result = await SetupVerification.RunAsync(connected.Gateways(request.AwsRegion).S3, bucket, request.Prefix, keyArn, connected.Token);
        if (ReferenceEquals(_connected, connected))
        {
            Verification = result;
            _logger.LogInformation("IcaKms verification {Outcome} on {Bucket} by {Principal}", result.Passed ? "passed" : "failed", bucket, connected.Session.Identity.Arn);
        }
    }

    // The audit record: kept for this tab (shown in the review and the zip's README) and written at once as the audit
    // event (ChangeAudit: one structured event per change, digests of the documents, never their text or a secret).
    // Every applied change, whichever flow applied it (AWS now, ICA too), comes through here.
    private void Record(AppliedChange applied)
    {
        _history.Add(applied);
        _audit.Record(applied, _user.Current);
        _telemetry.Applied(applied);
    }

    // Refuses a write to AWS, server side, for a signed-in person without the apply role (the buttons are disabled too).
    private bool MayApply()
    {
        if (_user.Current.MayApply)
        {
            return true;
        }

        _logger.LogWarning("Apply refused for {PortalUser}: {Reason}", _user.Current.Name, _user.Current.ApplyRefusal);
        return false;
    }

    private void RememberKeyPolicy(ApplyResult result)
    {
        foreach (AppliedChange applied in result.Changes.Where(c => c.Outcome == ChangeOutcome.Done))
        {
            RestorableKeyPolicy = applied.Change switch
            {
                MergeKeyPolicyChange merge when merge.Before is not null && merge.After is not null => new RestorableKeyPolicy(merge.KeyArn, merge.Before, merge.After),
                RestoreKeyPolicyChange => null,
                _ => RestorableKeyPolicy,
            };
        }
    }


    private void ForgetPlans()
    {
        _plans.Clear();
        Verification = null;
        RestorableKeyPolicy = null;
        IsPlanning = false;
        IsApplying = false;
    }

    /// <summary>A plan, the inputs it was made for, and what applying it did.</summary>
    private sealed record PlannedWork(SetupPlan Plan, InspectionRequest For, ApplyResult? Applied);
}

/// <summary>The key policy as it was before a merge in this session (<see cref="Previous"/>), and what IcaKms wrote.</summary>
public sealed record RestorableKeyPolicy(string KeyArn, string Previous, string Written);
