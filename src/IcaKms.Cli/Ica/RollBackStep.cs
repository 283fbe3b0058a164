using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Cli.Ica;

/// <summary><c>--roll-back OLD</c>: ICA given the old key back from its pasted secret, the new key deleted once ICA reads OK on it.</summary>
internal sealed class RollBackStep(RotationRun run)
{
    /// <summary>
    /// Give ICA the old key back from its pasted secret (made active first if it was retired), validate, and delete the new
    /// key only once ICA reads OK on the old one: a wrong secret leaves the new key to try again with.
    /// </summary>
    public async Task<int> RunAsync(string oldKeyId, string? oldSecret, CancellationToken ct)
    {
        if (await run.ReadKeysWithAsync(oldKeyId, "--roll-back", ct).ConfigureAwait(false) is not (var keys, var old))
        {
            return ExitCodes.CouldNotRun;
        }

        RotationSubject subject = run.Subject;
        if (keys.FirstOrDefault(k => k.AccessKeyId != oldKeyId) is not { } newKey)
        {
            await run.Host.Error.WriteLineAsync($"--roll-back: {subject.UserName} has only {oldKeyId}: there is no new key to roll back from. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        if (string.IsNullOrWhiteSpace(oldSecret) && run.Yes)
        {
            await run.Host.Error.WriteLineAsync($"--roll-back: set the old key's secret in {IcaRotateCommand.OldSecretVariable} (read -rs {IcaRotateCommand.OldSecretVariable}; export {IcaRotateCommand.OldSecretVariable}): IcaKms never kept it. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        IReadOnlyList<IcaPlanChange> rollback = RotationPlanner.Rollback(
            subject.ApiUrl, subject.Credential, subject.UserName, oldKeyId, newKey.AccessKeyId, old.Status == AccessKeyStatus.Active);
        IReadOnlyList<IcaPlanChange> deleteNew = [.. rollback.OfType<DeleteAccessKeyChange>()];
        IReadOnlyList<IcaPlanChange> changes = [.. rollback.Where(c => c is not DeleteAccessKeyChange), .. run.Validations()];
        if (!await run.ConfirmAsync("Roll back to the old key", [.. changes, .. deleteNew]).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        IcaApplyResult applied = await run.ApplyAsync(changes, new AwsAccessKey(oldKeyId, oldSecret!.Trim()), ct).ConfigureAwait(false);
        bool icaHasOld = applied.Result.Changes.Any(c => c.Change is RestoreStorageCredentialSecretsChange && c.Outcome == ChangeOutcome.Done);
        if (!applied.Result.Succeeded)
        {
            await run.WriteFailureAsync(applied).ConfigureAwait(false);
            await run.WriteStateAsync(icaHasOld ? oldKeyId : newKey.AccessKeyId, ct).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = await run.WatchAsync(ct).ConfigureAwait(false);
        if (watched == ExitCodes.Success)
        {
            IcaApplyResult deleted = await run.ApplyAsync(deleteNew, null, ct).ConfigureAwait(false);
            await run.WriteFailureAsync(deleted).ConfigureAwait(false);
            watched = deleted.Result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }
        else
        {
            await run.Host.Out.WriteLineAsync(
                $"ICA holds {oldKeyId} again but its validation did not read OK: is the secret in {IcaRotateCommand.OldSecretVariable} the one of {oldKeyId}? " +
                $"The new key {newKey.AccessKeyId} was kept (active); run the rollback again with the right secret.").ConfigureAwait(false);
        }

        await run.WriteStateAsync(oldKeyId, ct).ConfigureAwait(false);
        return watched;
    }
}
