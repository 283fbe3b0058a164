using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services;

/// <content>
/// The test of a key only the admin's word says ICA does not hold (<see cref="RotationPlan.UnverifiedKeyId"/>): deactivate
/// it, validate without it, and make it active again at once unless ICA reads OK. Nothing is deleted here.
/// </content>
public sealed partial class IcaRotation
{
    /// <summary>What the test of the unverified key showed (whether the admin's answer was right), or null.</summary>
    public string? UnverifiedOutcome { get; private set; }

    private async Task TestUnverifiedAsync(ConnectedIca connected, RotationPlan plan, string user)
    {
        string key = plan.UnverifiedKeyId!;
        _validation.Clear();
        IcaApplyResult? result = null;
        bool deactivated = false;
        await _activity.RunUnderAsync(connected, IcaRotationActivity.Rotating, async c =>
        {
            IcaApplyResult applied = await ApplyAsync(c.Client, plan.Changes, null, c.Token);
            deactivated = applied.Result.Changes.Any(a => a.Change is DeactivateUnverifiedKeyChange && a.Outcome == ChangeOutcome.Done);
            (IReadOnlyList<AccessKeyUse> keys, string? problem) = await ReadKeysAgainAsync(user, c.Token);
            return (applied, keys, problem);
        }, (_, done) =>
        {
            result = done.applied;
            (Keys, KeysProblem) = (done.keys, done.problem);
            LastStep = done.applied.Result;
            UnverifiedOutcome = null;
            return Task.CompletedTask;
        });

        if (!deactivated)
        {
            return;
        }

        if (result is { Result.Succeeded: true, ValidatedName: { } name, ConfigurationId: { } id } && _connection.IsCurrent(connected))
        {
            await _validation.WatchUnderAsync(connected, id, name);
        }

        string? status = _connection.IsCurrent(connected) ? _validation.Validation?.Configuration?.Status : null;
        if (status == StorageConfigurationStatus.Ok)
        {
            UnverifiedOutcome = RotationPlanner.UnverifiedOutcome(plan, status, reactivated: false);
            Plan = null;
            await _changes.NotifyAsync();
            return;
        }

        // ICA may hold it: active again at once.
        if (await ReactivateAtOnceAsync(connected, user, key) is not { } back)
        {
            return;
        }

        LastStep = back;
        UnverifiedOutcome = RotationPlanner.UnverifiedOutcome(plan, status == StorageConfigurationStatus.Error ? status : null, back.Succeeded);
        Plan = null;
        await _changes.NotifyAsync();
    }
}
