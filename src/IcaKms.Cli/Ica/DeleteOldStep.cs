using IcaKms.Core.Aws;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Cli.Ica;

/// <summary><c>--delete-old OLD</c>: a retired (inactive) old key deleted for good.</summary>
internal sealed class DeleteOldStep(RotationRun run)
{
    /// <summary>Delete a deactivated old key for good; an active key is refused (retire it first).</summary>
    public async Task<int> RunAsync(string oldKeyId, CancellationToken ct)
    {
        if (await run.ReadKeysWithAsync(oldKeyId, "--delete-old", ct).ConfigureAwait(false) is not (var keys, var old))
        {
            return ExitCodes.CouldNotRun;
        }

        if (old.Status == AccessKeyStatus.Active)
        {
            await run.Host.Error.WriteLineAsync($"--delete-old: {oldKeyId} is active: retire it first (--retire {oldKeyId}), so it can be made active again if something still needs it. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        IReadOnlyList<IcaPlanChange> changes = RotationPlanner.DeleteOld(run.Subject.UserName, oldKeyId);
        if (!await run.ConfirmAsync("Delete the old key", changes).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        IcaApplyResult applied = await run.ApplyAsync(changes, null, ct).ConfigureAwait(false);
        await run.WriteFailureAsync(applied).ConfigureAwait(false);
        IReadOnlyList<AccessKeyUse> after = await run.ReadKeysAsync(ct).ConfigureAwait(false) ?? [];
        await run.WriteStateAsync(after.FirstOrDefault(k => k.Status == AccessKeyStatus.Active)?.AccessKeyId, after).ConfigureAwait(false);
        return applied.Result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
