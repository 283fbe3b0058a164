using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Services.Rotation;

/// <summary>
/// The rollback, offered when ICA's validation on the new key reads <c>ERROR</c> (<see cref="IcaRotation.CanRollBack"/>):
/// ICA back to the old key from its pasted secret, validated on it, and only then the new key deleted.
/// </summary>
public sealed class RotationRollback(IcaRotation rotation, RotationChanges changes, IcaConnection connection, IcaValidationWatcher validation)
{
    /// <summary>
    /// The rollback: takes the old key's secret from <paramref name="form"/> (the same hand-off as every typed secret; IcaKms
    /// never kept it), gives ICA the old key back (made active first if it was retired) and validates on it; only once ICA
    /// reads OK is the new key deleted, so a wrong secret leaves the new key to try again. A message when refused.
    /// </summary>
    public async Task<string?> RollBackAsync(ElementReference form)
    {
        if (!rotation.CanRollBack || rotation.Rotated is not { NewKeyId: { } newKey } rotated || changes.MayStart() is not { } connected)
        {
            return null;
        }

        HandoffReceipt receipt = await connection.ReceiveAsync(form);
        if (receipt.Secrets?.Credentials is not { } pasted)
        {
            return IcaConnection.Refused(receipt.Outcome, "the old access key");
        }

        if (pasted.Problem() is { } problem)
        {
            return problem;
        }

        if (pasted.AccessKeyId.Trim() != rotated.OldKeyId)
        {
            return $"That is the access key {pasted.AccessKeyId.Trim()}, not the old key {rotated.OldKeyId}: nothing was sent, ICA holds the new key still.";
        }

        IReadOnlyList<IcaPlanChange> rollback = RotationPlanner.Rollback(connection.ApiUrl, rotated.Credential, rotated.UserName, rotated.OldKeyId, newKey, !rotated.Retired);
        IcaPlanChange[] restore = [.. rollback.Where(c => c is not DeleteAccessKeyChange), .. changes.Validations(rotated)];
        var secret = new AwsAccessKey(rotated.OldKeyId, pasted.SecretAccessKey.Trim());
        validation.Clear();
        IcaApplyResult? applied = await changes.RunAsync(connected, IcaRotationActivity.RollingBack, rotated.UserName, restore, secret, keep: done =>
        {
            if (done.Result.Changes.Any(a => a.Change is RestoreStorageCredentialSecretsChange && a.Outcome == ChangeOutcome.Done))
            {
                rotation.Rotated = rotated with { Retired = false, IcaHoldsOldKey = true };
            }
        });

        if (applied is not { ValidatedName: { } name, ConfigurationId: { } id } || !connection.IsCurrent(connected))
        {
            return null;
        }

        await validation.WatchUnderAsync(connected, id, name);
        if (validation.Validation?.Configuration?.Status == StorageConfigurationStatus.Ok && rotation.Rotated is { IcaHoldsOldKey: true } back)
        {
            await changes.StepAsync(IcaRotationActivity.RollingBack, [.. rollback.OfType<DeleteAccessKeyChange>()], back with { RolledBack = true });
        }

        return null;
    }
}
