using IcaKms.Core.Applying;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Cli.Ica;

/// <summary>
/// The rotation itself: make room, create the new key, give it to ICA, validate and watch; the old key stays active.
/// A rotation stopped (Ctrl+C) after IAM made the new key and before ICA got it deletes that key at once.
/// </summary>
internal sealed class RotateStep(RotationRun run)
{
    /// <summary>Make room, create the new key, give it to ICA, validate and watch; the old key stays active.</summary>
    public async Task<int> RunAsync(string? heldKeyId, CancellationToken ct)
    {
        if (await run.ReadKeysAsync(ct).ConfigureAwait(false) is not { } keys)
        {
            return ExitCodes.CouldNotRun;
        }

        RotationSubject subject = run.Subject;
        RotationPlan plan = RotationPlanner.Plan(new RotationRequest(
            subject.ApiUrl, subject.Credential, subject.UserName, keys, heldKeyId, subject.Configurations, run.Host.Time.GetUtcNow(), IamWait: run.IamWait));
        if (plan.Refusal is { } refusal)
        {
            await run.Host.Error.WriteLineAsync($"{refusal} Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        string oldKey = plan.HeldKeyId!;
        if (!await run.ConfirmAsync("Rotation", plan.Changes).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        if (plan.UnverifiedKeyId is { } unverified)
        {
            return await new UnverifiedKeyTest(run).RunAsync(plan, unverified, ct).ConfigureAwait(false);
        }

        DateTimeOffset rotatedAt = run.Host.Time.GetUtcNow();
        IcaApplyResult applied = await run.ApplyAsync(plan.Changes, null, ct).ConfigureAwait(false);
        await CleanUpAsync(applied).ConfigureAwait(false);
        bool icaHasNewKey = applied.Result.Changes.Any(c => c.Change is UpdateStorageCredentialSecretsChange && c.Outcome == ChangeOutcome.Done);
        // After Ctrl+C the keys are read on a short deadline of their own, so the last line still says what was left.
        using var stopped = ct.IsCancellationRequested ? new CancellationTokenSource(RotationRun.CleanUpLimit) : null;
        IReadOnlyList<AccessKeyUse> after = await run.ReadKeysAsync(stopped?.Token ?? ct).ConfigureAwait(false) ?? [];
        string? newKey = after.FirstOrDefault(k => k.AccessKeyId != oldKey && keys.All(before => before.AccessKeyId != k.AccessKeyId))?.AccessKeyId;
        if (!applied.Result.Succeeded)
        {
            await run.WriteFailureAsync(applied).ConfigureAwait(false);
            await run.WriteStateAsync(icaHasNewKey ? newKey : oldKey, after).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = await run.WatchAsync(ct).ConfigureAwait(false);
        string next = $"{run.Again()} --retire {oldKey} --rotated-at {rotatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} --yes";
        if (watched == ExitCodes.Success)
        {
            await run.Host.Out.WriteLineAsync($"ICA validated every configuration on the new key {newKey}. The old key {oldKey} stays active until you retire it: {next}").ConfigureAwait(false);
        }
        else
        {
            await run.Host.Out.WriteLineAsync(
                $"ICA holds the new key {newKey}, and its validation did not read OK; the old key {oldKey} stays active, so nothing was retired. " +
                $"Fix what ICA says and retire later ({next}), or roll back to the old key: read -rs {IcaRotateCommand.OldSecretVariable}; export {IcaRotateCommand.OldSecretVariable}; {run.Again()} --roll-back {oldKey} --yes").ConfigureAwait(false);
        }

        await run.WriteStateAsync(newKey, after).ConfigureAwait(false);
        return watched;
    }

    /// <summary>
    /// Deletes a new key whose secret never left this run (Core's <see cref="RotationPlanner.CleanUp"/>): nothing can use
    /// it and its secret is gone, so the user is left with the key ICA holds. Audited like every change; says what it did.
    /// </summary>
    private async Task CleanUpAsync(IcaApplyResult stopped)
    {
        string userName = run.Subject.UserName;
        if (RotationPlanner.CleanUp(userName, stopped) is not { Count: > 0 } cleanUp)
        {
            return;
        }

        using var limit = new CancellationTokenSource(RotationRun.CleanUpLimit);
        IcaApplyResult cleaned = await run.ApplyAsync(cleanUp, null, limit.Token).ConfigureAwait(false);
        await run.Host.Error.WriteLineAsync(cleaned.Result.Succeeded
            ? $"The rotation stopped before ICA got the new key {stopped.UnsentNewKeyId}: it was deleted at once (nothing could use it, and its secret is gone). ICA holds its old key, active."
            : $"The rotation stopped before ICA got the new key {stopped.UnsentNewKeyId}, and deleting it failed ({cleaned.Result.Failure?.Message}): " +
                $"delete it (aws iam delete-access-key --user-name {userName} --access-key-id {stopped.UnsentNewKeyId}), or the next rotate does. ICA holds its old key, active.").ConfigureAwait(false);
    }
}
