using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Services;

/// <content>The rollback, offered when ICA's validation on the new key reads <c>ERROR</c>: ICA back to the old key.</content>
public sealed partial class IcaRotation
{
    /// <summary>
    /// True when the validation after the rotation reads <c>ERROR</c> and the old key is still there to go back to (not
    /// deleted, not rolled back already).
    /// </summary>
    public bool CanRollBack => Rotated is { Deleted: false, RolledBack: false, NewKeyId: not null } &&
        _validation.Validation?.Configuration?.Status == StorageConfigurationStatus.Error;

    /// <summary>
    /// The rollback: takes the old key's secret from <paramref name="form"/> (the same hand-off as every typed secret; IcaKms
    /// never kept it), gives ICA the old key back (made active first if it was retired) and validates on it; only once ICA
    /// reads OK is the new key deleted, so a wrong secret leaves the new key to try again. A message when refused.
    /// </summary>
    public async Task<string?> RollBackAsync(ElementReference form)
    {
        if (_connection.Current is not { } connected || !_activity.IsIdle || !CanRollBack || Rotated is not { NewKeyId: { } newKey } rotated || !_recorder.MayApply())
        {
            return null;
        }

        HandoffReceipt receipt = await _connection.ReceiveAsync(form);
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

        IReadOnlyList<IcaPlanChange> rollback = RotationPlanner.Rollback(_connection.ApiUrl, rotated.Credential, rotated.UserName, rotated.OldKeyId, newKey, !rotated.Retired);
        IcaPlanChange[] restore = [.. rollback.Where(c => c is not DeleteAccessKeyChange), .. rotated.Configurations.Select(c => new ValidateStorageConfigurationChange(_connection.ApiUrl, c.Name, c.Id))];
        var secret = new AwsAccessKey(rotated.OldKeyId, pasted.SecretAccessKey.Trim());
        _validation.Clear();
        IcaApplyResult? result = null;
        await _activity.RunUnderAsync(connected, IcaRotationActivity.RollingBack, async c =>
        {
            IcaApplyResult applied = await ApplyAsync(c.Client, restore, secret, c.Token);
            (IReadOnlyList<AccessKeyUse> keys, string? problem) = await ReadKeysAgainAsync(rotated.UserName, c.Token);
            return (applied, keys, problem);
        }, (_, done) =>
        {
            result = done.applied;
            (Keys, KeysProblem) = (done.keys, done.problem);
            LastStep = done.applied.Result;
            if (done.applied.Result.Changes.Any(a => a.Change is RestoreStorageCredentialSecretsChange && a.Outcome == ChangeOutcome.Done))
            {
                Rotated = rotated with { Retired = false, IcaHoldsOldKey = true };
            }

            return Task.CompletedTask;
        });

        if (result is not { ValidatedName: { } name, ConfigurationId: { } id } || !_connection.IsCurrent(connected))
        {
            return null;
        }

        await _validation.WatchUnderAsync(connected, id, name);
        if (_validation.Validation?.Configuration?.Status == StorageConfigurationStatus.Ok && Rotated is { IcaHoldsOldKey: true } back)
        {
            await StepAsync(IcaRotationActivity.RollingBack, rollback.OfType<DeleteAccessKeyChange>().ToList(), _ => Rotated = back with { RolledBack = true });
        }

        return null;
    }
}
