using IcaKms.Core.Aws;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Cli.Ica;

/// <summary><c>--retire OLD</c>: the old key deactivated once ICA reads OK on the new one, made active again if the validation without it fails.</summary>
internal sealed class RetireStep(RotationRun run)
{
    /// <summary>Deactivate the old key (Core refuses until every configuration reads OK), then validate again: an ERROR makes it active again.</summary>
    public async Task<int> RunAsync(string oldKeyId, DateTimeOffset? rotatedAt, CancellationToken ct)
    {
        if (await run.ReadKeysWithAsync(oldKeyId, "--retire", ct).ConfigureAwait(false) is not (var keys, var old))
        {
            return ExitCodes.CouldNotRun;
        }

        RotationSubject subject = run.Subject;
        if (keys.Where(k => k.AccessKeyId != oldKeyId && k.Status == AccessKeyStatus.Active).OrderByDescending(k => k.Created).FirstOrDefault() is not { } newest)
        {
            await run.Host.Error.WriteLineAsync($"--retire: {old.AccessKeyId} is the only active key of {subject.UserName}, so ICA holds it: rotate first. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        IReadOnlyList<IcaPlanChange> changes = [.. RotationPlanner.Retire(subject.UserName, oldKeyId, subject.Configurations, rotatedAt ?? newest.Created, run.IamWait), .. run.Validations()];
        if (!await run.ConfirmAsync("Retire the old key", changes).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        IcaApplyResult applied = await run.ApplyAsync(changes, null, ct).ConfigureAwait(false);
        if (!applied.Result.Succeeded)
        {
            await run.WriteFailureAsync(applied).ConfigureAwait(false);
            await run.WriteStateAsync(newest.AccessKeyId, ct).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = await run.WatchAsync(ct).ConfigureAwait(false);
        if (watched != ExitCodes.Success)
        {
            // Something needed the old key after all: make it active again at once (it was not deleted).
            await run.Host.Out.WriteLineAsync($"The validation without {oldKeyId} did not read OK: making it active again.").ConfigureAwait(false);
            IcaApplyResult back = await run.ApplyAsync([new ReactivateAccessKeyChange(subject.UserName, oldKeyId)], null, ct).ConfigureAwait(false);
            await run.Host.Out.WriteLineAsync(back.Result.Succeeded
                ? $"{oldKeyId} is active again; find what still uses it before retiring it."
                : $"{oldKeyId} could not be made active again: {back.Result.Failure?.Message}").ConfigureAwait(false);
        }
        else
        {
            await run.Host.Out.WriteLineAsync($"{oldKeyId} is inactive and ICA validated without it. Delete it once nothing complained: {run.Again()} --delete-old {oldKeyId} --yes").ConfigureAwait(false);
        }

        await run.WriteStateAsync(newest.AccessKeyId, ct).ConfigureAwait(false);
        return watched;
    }
}
