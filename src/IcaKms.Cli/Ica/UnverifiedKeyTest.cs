using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Cli.Ica;

/// <summary>
/// The test of a key only <c>--held-key</c> says ICA does not hold, which a rotation runs before it makes room:
/// deactivate it, validate without it, and make it active again unless ICA reads OK.
/// </summary>
internal sealed class UnverifiedKeyTest(RotationRun run)
{
    /// <summary>
    /// The other key, which only the admin's word says ICA does not hold: deactivate it, validate without it, and make it
    /// active again at once unless ICA reads OK (then the next run deletes it first). 0 when OK, 1 otherwise.
    /// </summary>
    public async Task<int> RunAsync(RotationPlan plan, string unverified, CancellationToken ct)
    {
        IcaApplyResult applied = await run.ApplyAsync(plan.Changes, null, ct).ConfigureAwait(false);
        bool deactivated = applied.Result.Changes.Any(c => c.Change is DeactivateUnverifiedKeyChange && c.Outcome == ChangeOutcome.Done);
        if (!deactivated)
        {
            await run.WriteFailureAsync(applied).ConfigureAwait(false);
            await run.WriteStateAsync(null, ct).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = applied.Result.Succeeded ? await run.WatchAsync(ct).ConfigureAwait(false) : ExitCodes.CouldNotRun;
        string? status = watched switch
        {
            ExitCodes.Success => StorageConfigurationStatus.Ok,
            ExitCodes.Failure => StorageConfigurationStatus.Error,
            _ => null,
        };
        bool active = false;
        if (status != StorageConfigurationStatus.Ok)
        {
            IcaApplyResult back = await run.ApplyAsync(RotationPlanner.ReactivateUnverified(run.Subject.UserName, unverified), null, ct).ConfigureAwait(false);
            active = back.Result.Succeeded;
        }

        await run.Host.Out.WriteLineAsync(RotationPlanner.UnverifiedOutcome(plan, status, active)).ConfigureAwait(false);
        string holds = status switch
        {
            StorageConfigurationStatus.Ok => plan.HeldKeyId!,
            StorageConfigurationStatus.Error => unverified,
            _ => "the key it held (not known)",
        };
        await run.WriteStateAsync(holds, ct).ConfigureAwait(false);
        return status == StorageConfigurationStatus.Ok ? ExitCodes.Success : ExitCodes.Failure;
    }
}
