using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services;

/// <content>
/// Retiring the old key, as the command line's <c>--retire</c> does: deactivate it (Core refuses until the configuration
/// reads OK; the change then waits for IAM to apply it), validate again, and make it active again at once unless ICA reads OK.
/// </content>
public sealed partial class IcaRotation
{
    /// <summary>What the validation after retiring showed when it did not read OK (and whether the old key is active again), or null.</summary>
    public string? RetireOutcome { get; private set; }

    /// <summary>How long a deactivation waits for IAM before ICA validates (<c>IcaKms:IamPropagationWait</c>, else Core's default).</summary>
    public TimeSpan IamWait => IamPropagation.Or(_iamWait);

    /// <summary>True while ICA validates without the just deactivated old key (nothing else is offered meanwhile).</summary>
    public bool RetireChecking { get; private set; }

    /// <summary>
    /// Deactivates the old key, then has ICA validate without it: only an OK keeps it inactive; anything else makes it
    /// active again at once (something still needs it). Not while a rollback is offered (Core would refuse it anyway).
    /// </summary>
    public async Task RetireAsync()
    {
        if (_connection.Current is not { } connected || !_activity.IsIdle || CanRollBack || !_recorder.MayApply() ||
            Rotated is not { Retired: false, IcaHoldsOldKey: false } rotated)
        {
            return;
        }

        IcaPlanChange[] changes =
        [
            .. RotationPlanner.Retire(rotated.UserName, rotated.OldKeyId, rotated.Configurations, rotated.RotatedAt, _iamWait),
            .. rotated.Configurations.Select(c => new ValidateStorageConfigurationChange(_connection.ApiUrl, c.Name, c.Id)),
        ];
        RetireOutcome = null;
        IcaApplyResult? result = null;
        bool deactivated = false;
        await _activity.RunUnderAsync(connected, IcaRotationActivity.Retiring, async c =>
        {
            IcaApplyResult applied = await ApplyAsync(c.Client, changes, null, c.Token);
            deactivated = applied.Result.Changes.Any(a => a.Change is DeactivateAccessKeyChange && a.Outcome == ChangeOutcome.Done);
            (IReadOnlyList<AccessKeyUse> keys, string? problem) = await ReadKeysAgainAsync(rotated.UserName, c.Token);
            return (applied, keys, problem);
        }, (_, done) =>
        {
            result = done.applied;
            (Keys, KeysProblem) = (done.keys, done.problem);
            LastStep = done.applied.Result;
            if (deactivated)
            {
                Rotated = rotated with { Retired = true };
            }

            return Task.CompletedTask;
        });

        if (!deactivated)
        {
            return;
        }

        string? status = null;
        if (result is { Result.Succeeded: true, ValidatedName: { } name, ConfigurationId: { } id } && _connection.IsCurrent(connected))
        {
            RetireChecking = true;
            try
            {
                _validation.Clear();
                await _changes.NotifyAsync();
                await _validation.WatchUnderAsync(connected, id, name);
                status = _connection.IsCurrent(connected) ? _validation.Validation?.Configuration?.Status : null;
            }
            finally
            {
                RetireChecking = false;
            }
        }

        if (status == StorageConfigurationStatus.Ok)
        {
            await _changes.NotifyAsync();
            return;
        }

        // Something may still need the old key: active again at once.
        if (await ReactivateAtOnceAsync(connected, rotated.UserName, rotated.OldKeyId) is not { } back)
        {
            return;
        }

        if (back.Succeeded)
        {
            Rotated = rotated;
        }

        string read = status == StorageConfigurationStatus.Error ? "read ERROR" : "did not read OK (it did not finish or could not start)";
        RetireOutcome = back.Succeeded
            ? $"ICA's validation without the old key {rotated.OldKeyId} {read}, so something may still need it: it was made active again at once, and nothing was deleted. " +
                $"Find what still uses {rotated.OldKeyId} (or fix what ICA says) before retiring it again."
            : $"ICA's validation without the old key {rotated.OldKeyId} {read}, and making it active again failed ({back.Failure?.Message}): " +
                $"make it active now (aws iam update-access-key --user-name {rotated.UserName} --access-key-id {rotated.OldKeyId} --status Active), ICA may need it.";
        await _changes.NotifyAsync();
    }
}
