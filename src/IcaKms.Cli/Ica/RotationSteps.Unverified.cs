using IcaKms.Cli.Applying;
using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Ica;

/// <content>The test of a key only <c>--held-key</c> says ICA does not hold: deactivate, validate, active again unless OK.</content>
internal sealed partial class RotationSteps
{
    /// <summary>
    /// The other key, which only the admin's word says ICA does not hold: deactivate it, validate without it, and make it
    /// active again at once unless ICA reads OK (then the next run deletes it first). 0 when OK, 1 otherwise.
    /// </summary>
    private async Task<int> TestUnverifiedAsync(RotationPlan plan, string unverified, CancellationToken ct)
    {
        IcaApplyResult applied = await ApplyAsync(plan.Changes, null, ct).ConfigureAwait(false);
        bool deactivated = applied.Result.Changes.Any(c => c.Change is DeactivateUnverifiedKeyChange && c.Outcome == ChangeOutcome.Done);
        if (!deactivated)
        {
            await WriteFailureAsync(applied).ConfigureAwait(false);
            await WriteStateAsync(null, await ReadKeysAsync(ct).ConfigureAwait(false) ?? []).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = applied.Result.Succeeded ? await WatchAsync(ct).ConfigureAwait(false) : ExitCodes.CouldNotRun;
        string? status = watched switch
        {
            ExitCodes.Success => StorageConfigurationStatus.Ok,
            ExitCodes.Failure => StorageConfigurationStatus.Error,
            _ => null,
        };
        bool active = false;
        if (status != StorageConfigurationStatus.Ok)
        {
            IcaApplyResult back = await ApplyAsync(RotationPlanner.ReactivateUnverified(subject.UserName, unverified), null, ct).ConfigureAwait(false);
            active = back.Result.Succeeded;
        }

        await host.Out.WriteLineAsync(RotationPlanner.UnverifiedOutcome(plan, status, active)).ConfigureAwait(false);
        string holds = status switch
        {
            StorageConfigurationStatus.Ok => plan.HeldKeyId!,
            StorageConfigurationStatus.Error => unverified,
            _ => "the key it held (not known)",
        };
        await WriteStateAsync(holds, await ReadKeysAsync(ct).ConfigureAwait(false) ?? []).ConfigureAwait(false);
        return status == StorageConfigurationStatus.Ok ? ExitCodes.Success : ExitCodes.Failure;
    }
}
