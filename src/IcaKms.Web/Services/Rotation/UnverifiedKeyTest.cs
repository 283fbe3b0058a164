using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Web.Services.Rotation;

/// <summary>
/// The test of a key only the admin's word says ICA does not hold (<see cref="RotationPlan.UnverifiedKeyId"/>): deactivate
/// it, validate without it, and make it active again at once unless ICA reads OK. Nothing is deleted here; what the test
/// showed is <see cref="IcaRotation.UnverifiedOutcome"/>.
/// </summary>
public sealed class UnverifiedKeyTest(IcaRotation rotation, RotationChanges changes, IcaConnection connection, IcaValidationWatcher validation)
{
    /// <summary>Runs the confirmed <paramref name="plan"/> (its <see cref="RotationPlan.UnverifiedKeyId"/> set) under <paramref name="connected"/>.</summary>
    internal async Task TestAsync(ConnectedIca connected, RotationPlan plan, string user)
    {
        string key = plan.UnverifiedKeyId!;
        validation.Clear();
        IcaApplyResult? applied = await changes.RunAsync(connected, IcaRotationActivity.Rotating, user, plan.Changes, keep: _ => rotation.UnverifiedOutcome = null);
        if (applied is null || !applied.Result.Changes.Any(a => a.Change is DeactivateUnverifiedKeyChange && a.Outcome == ChangeOutcome.Done))
        {
            return;
        }

        if (applied is { Result.Succeeded: true, ValidatedName: { } name, ConfigurationId: { } id } && connection.IsCurrent(connected))
        {
            await validation.WatchUnderAsync(connected, id, name);
        }

        string? status = connection.IsCurrent(connected) ? validation.Validation?.Configuration?.Status : null;
        if (status == StorageConfigurationStatus.Ok)
        {
            rotation.UnverifiedOutcome = RotationPlanner.UnverifiedOutcome(plan, status, reactivated: false);
            rotation.Plan = null;
            await rotation.NotifyAsync();
            return;
        }

        // ICA may hold it: active again at once.
        if (await changes.ReactivateAtOnceAsync(connected, user, key) is not { } back)
        {
            return;
        }

        rotation.LastStep = back;
        rotation.UnverifiedOutcome = RotationPlanner.UnverifiedOutcome(plan, status == StorageConfigurationStatus.Error ? status : null, back.Succeeded);
        rotation.Plan = null;
        await rotation.NotifyAsync();
    }
}
