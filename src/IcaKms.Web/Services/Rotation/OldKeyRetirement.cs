using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Web.Services.Rotation;

/// <summary>
/// The old key's end after a rotation, as the command line's <c>--retire</c> and <c>--delete-old</c>: retire it (deactivate
/// — Core refuses until the configuration reads OK, and the change then waits for IAM to apply it — validate again, and
/// make it active again at once unless ICA reads OK), then delete it for good, a step confirmed on its own.
/// </summary>
public sealed class OldKeyRetirement(IcaRotation rotation, RotationChanges changes, IcaConnection connection, IcaValidationWatcher validation)
{
    /// <summary>
    /// Deactivates the old key, then has ICA validate without it: only an OK keeps it inactive; anything else makes it
    /// active again at once (something still needs it). Not while a rollback is offered (Core would refuse it anyway).
    /// </summary>
    public async Task RetireAsync()
    {
        if (rotation.CanRollBack || rotation.Rotated is not { Retired: false, IcaHoldsOldKey: false } rotated || changes.MayStart() is not { } connected)
        {
            return;
        }

        IcaPlanChange[] retire =
        [
            .. RotationPlanner.Retire(rotated.UserName, rotated.OldKeyId, rotated.Configurations, rotated.RotatedAt, rotation.IamWaitSetting),
            .. changes.Validations(rotated),
        ];
        rotation.RetireOutcome = null;
        IcaApplyResult? applied = await changes.RunAsync(connected, IcaRotationActivity.Retiring, rotated.UserName, retire, keep: done =>
        {
            if (Deactivated(done))
            {
                rotation.Rotated = rotated with { Retired = true };
            }
        });

        if (applied is null || !Deactivated(applied))
        {
            return;
        }

        string? status = await ValidateWithoutAsync(connected, applied);
        if (status == StorageConfigurationStatus.Ok)
        {
            await rotation.NotifyAsync();
            return;
        }

        // Something may still need the old key: active again at once.
        if (await changes.ReactivateAtOnceAsync(connected, rotated.UserName, rotated.OldKeyId) is not { } back)
        {
            return;
        }

        if (back.Succeeded)
        {
            rotation.Rotated = rotated;
        }

        string read = status == StorageConfigurationStatus.Error ? "read ERROR" : "did not read OK (it did not finish or could not start)";
        rotation.RetireOutcome = back.Succeeded
            ? $"ICA's validation without the old key {rotated.OldKeyId} {read}, so something may still need it: it was made active again at once, and nothing was deleted. " +
                $"Find what still uses {rotated.OldKeyId} (or fix what ICA says) before retiring it again."
            : $"ICA's validation without the old key {rotated.OldKeyId} {read}, and making it active again failed ({back.Failure?.Message}): " +
                $"make it active now (aws iam update-access-key --user-name {rotated.UserName} --access-key-id {rotated.OldKeyId} --status Active), ICA may need it.";
        await rotation.NotifyAsync();
    }

    /// <summary>Deletes the deactivated old key for good (confirmed on its own).</summary>
    public Task DeleteOldAsync() => rotation.Rotated is { Retired: true, Deleted: false, IcaHoldsOldKey: false } rotated
        ? changes.StepAsync(IcaRotationActivity.Deleting, RotationPlanner.DeleteOld(rotated.UserName, rotated.OldKeyId), rotated with { Deleted = true })
        : Task.CompletedTask;

    // ICA's status once it validated without the old key (watched while the panel says so), or null when it could not.
    private async Task<string?> ValidateWithoutAsync(ConnectedIca connected, IcaApplyResult applied)
    {
        if (applied is not { Result.Succeeded: true, ValidatedName: { } name, ConfigurationId: { } id } || !connection.IsCurrent(connected))
        {
            return null;
        }

        rotation.RetireChecking = true;
        try
        {
            validation.Clear();
            await rotation.NotifyAsync();
            await validation.WatchUnderAsync(connected, id, name);
            return connection.IsCurrent(connected) ? validation.Validation?.Configuration?.Status : null;
        }
        finally
        {
            rotation.RetireChecking = false;
        }
    }

    private static bool Deactivated(IcaApplyResult applied) =>
        applied.Result.Changes.Any(a => a.Change is DeactivateAccessKeyChange && a.Outcome == ChangeOutcome.Done);
}
