using IcaKms.Cli.Applying;
using IcaKms.Cli.Output;
using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;
using Spectre.Console;

namespace IcaKms.Cli.Ica;

/// <summary>
/// The steps of <c>icakms ica rotate</c>, each one Core plan: read the user's keys, print the plan, send it with
/// <c>--yes</c> (each change audited), watch ICA's validation, and end by saying which key ICA holds and each key's status.
/// </summary>
internal sealed partial class RotationSteps(CliHost host, RotationSubject subject, bool yes, string? auditLog, TimeSpan? iamWait = null)
{
    private readonly IAnsiConsole _console = ConsoleFactory.Create(host.Out, host, host.OutputIsTerminal);

    /// <summary>Make room, create the new key, give it to ICA, validate and watch; the old key stays active.</summary>
    public async Task<int> RotateAsync(string? heldKeyId, CancellationToken ct)
    {
        if (await ReadKeysAsync(ct).ConfigureAwait(false) is not { } keys)
        {
            return ExitCodes.CouldNotRun;
        }

        RotationPlan plan = RotationPlanner.Plan(new RotationRequest(
            subject.ApiUrl, subject.Credential, subject.UserName, keys, heldKeyId, subject.Configurations, host.Time.GetUtcNow(), IamWait: iamWait));
        if (plan.Refusal is { } refusal)
        {
            await host.Error.WriteLineAsync($"{refusal} Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        string oldKey = plan.HeldKeyId!;
        if (!await ConfirmAsync("Rotation", plan.Changes).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        if (plan.UnverifiedKeyId is { } unverified)
        {
            return await TestUnverifiedAsync(plan, unverified, ct).ConfigureAwait(false);
        }

        DateTimeOffset rotatedAt = host.Time.GetUtcNow();
        IcaApplyResult applied = await ApplyAsync(plan.Changes, null, ct).ConfigureAwait(false);
        await CleanUpAsync(applied).ConfigureAwait(false);
        bool icaHasNewKey = applied.Result.Changes.Any(c => c.Change is UpdateStorageCredentialSecretsChange && c.Outcome == ChangeOutcome.Done);
        // After Ctrl+C the keys are read on a short deadline of their own, so the last line still says what was left.
        using var stopped = ct.IsCancellationRequested ? new CancellationTokenSource(CleanUpLimit) : null;
        IReadOnlyList<AccessKeyUse> after = await ReadKeysAsync(stopped?.Token ?? ct).ConfigureAwait(false) ?? [];
        string? newKey = after.FirstOrDefault(k => k.AccessKeyId != oldKey && keys.All(before => before.AccessKeyId != k.AccessKeyId))?.AccessKeyId;
        if (!applied.Result.Succeeded)
        {
            await WriteFailureAsync(applied).ConfigureAwait(false);
            await WriteStateAsync(icaHasNewKey ? newKey : oldKey, after).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = await WatchAsync(ct).ConfigureAwait(false);
        string next = $"{Again()} --retire {oldKey} --rotated-at {rotatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} --yes";
        if (watched == ExitCodes.Success)
        {
            await host.Out.WriteLineAsync($"ICA validated every configuration on the new key {newKey}. The old key {oldKey} stays active until you retire it: {next}").ConfigureAwait(false);
        }
        else
        {
            await host.Out.WriteLineAsync(
                $"ICA holds the new key {newKey}, and its validation did not read OK; the old key {oldKey} stays active, so nothing was retired. " +
                $"Fix what ICA says and retire later ({next}), or roll back to the old key: read -rs {IcaRotateCommand.OldSecretVariable}; export {IcaRotateCommand.OldSecretVariable}; {Again()} --roll-back {oldKey} --yes").ConfigureAwait(false);
        }

        await WriteStateAsync(newKey, after).ConfigureAwait(false);
        return watched;
    }

    /// <summary>Deactivate the old key (Core refuses until every configuration reads OK), then validate again: an ERROR makes it active again.</summary>
    public async Task<int> RetireAsync(string oldKeyId, DateTimeOffset? rotatedAt, CancellationToken ct)
    {
        if (await ReadKeysAsync(ct).ConfigureAwait(false) is not { } keys || await FindAsync(keys, oldKeyId, "--retire").ConfigureAwait(false) is not { } old)
        {
            return ExitCodes.CouldNotRun;
        }

        if (keys.Where(k => k.AccessKeyId != oldKeyId && k.Status == AccessKeyStatus.Active).OrderByDescending(k => k.Created).FirstOrDefault() is not { } newest)
        {
            await host.Error.WriteLineAsync($"--retire: {old.AccessKeyId} is the only active key of {subject.UserName}, so ICA holds it: rotate first. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        IReadOnlyList<IcaPlanChange> changes = [.. RotationPlanner.Retire(subject.UserName, oldKeyId, subject.Configurations, rotatedAt ?? newest.Created, iamWait), .. Validations()];
        if (!await ConfirmAsync("Retire the old key", changes).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        IcaApplyResult applied = await ApplyAsync(changes, null, ct).ConfigureAwait(false);
        if (!applied.Result.Succeeded)
        {
            await WriteFailureAsync(applied).ConfigureAwait(false);
            await WriteStateAsync(newest.AccessKeyId, await ReadKeysAsync(ct).ConfigureAwait(false) ?? []).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = await WatchAsync(ct).ConfigureAwait(false);
        if (watched != ExitCodes.Success)
        {
            // Something needed the old key after all: make it active again at once (it was not deleted).
            await host.Out.WriteLineAsync($"The validation without {oldKeyId} did not read OK: making it active again.").ConfigureAwait(false);
            IcaApplyResult back = await ApplyAsync([new ReactivateAccessKeyChange(subject.UserName, oldKeyId)], null, ct).ConfigureAwait(false);
            await host.Out.WriteLineAsync(back.Result.Succeeded
                ? $"{oldKeyId} is active again; find what still uses it before retiring it."
                : $"{oldKeyId} could not be made active again: {back.Result.Failure?.Message}").ConfigureAwait(false);
        }
        else
        {
            await host.Out.WriteLineAsync($"{oldKeyId} is inactive and ICA validated without it. Delete it once nothing complained: {Again()} --delete-old {oldKeyId} --yes").ConfigureAwait(false);
        }

        await WriteStateAsync(newest.AccessKeyId, await ReadKeysAsync(ct).ConfigureAwait(false) ?? []).ConfigureAwait(false);
        return watched;
    }

    /// <summary>Delete a deactivated old key for good; an active key is refused (retire it first).</summary>
    public async Task<int> DeleteOldAsync(string oldKeyId, CancellationToken ct)
    {
        if (await ReadKeysAsync(ct).ConfigureAwait(false) is not { } keys || await FindAsync(keys, oldKeyId, "--delete-old").ConfigureAwait(false) is not { } old)
        {
            return ExitCodes.CouldNotRun;
        }

        if (old.Status == AccessKeyStatus.Active)
        {
            await host.Error.WriteLineAsync($"--delete-old: {oldKeyId} is active: retire it first (--retire {oldKeyId}), so it can be made active again if something still needs it. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        IReadOnlyList<IcaPlanChange> changes = RotationPlanner.DeleteOld(subject.UserName, oldKeyId);
        if (!await ConfirmAsync("Delete the old key", changes).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        IcaApplyResult applied = await ApplyAsync(changes, null, ct).ConfigureAwait(false);
        await WriteFailureAsync(applied).ConfigureAwait(false);
        IReadOnlyList<AccessKeyUse> after = await ReadKeysAsync(ct).ConfigureAwait(false) ?? [];
        await WriteStateAsync(after.FirstOrDefault(k => k.Status == AccessKeyStatus.Active)?.AccessKeyId, after).ConfigureAwait(false);
        return applied.Result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Give ICA the old key back from its pasted secret (made active first if it was retired), validate, and delete the new
    /// key only once ICA reads OK on the old one: a wrong secret leaves the new key to try again with.
    /// </summary>
    public async Task<int> RollBackAsync(string oldKeyId, string? oldSecret, CancellationToken ct)
    {
        if (await ReadKeysAsync(ct).ConfigureAwait(false) is not { } keys || await FindAsync(keys, oldKeyId, "--roll-back").ConfigureAwait(false) is not { } old)
        {
            return ExitCodes.CouldNotRun;
        }

        if (keys.FirstOrDefault(k => k.AccessKeyId != oldKeyId) is not { } newKey)
        {
            await host.Error.WriteLineAsync($"--roll-back: {subject.UserName} has only {oldKeyId}: there is no new key to roll back from. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        if (string.IsNullOrWhiteSpace(oldSecret) && yes)
        {
            await host.Error.WriteLineAsync($"--roll-back: set the old key's secret in {IcaRotateCommand.OldSecretVariable} (read -rs {IcaRotateCommand.OldSecretVariable}; export {IcaRotateCommand.OldSecretVariable}): IcaKms never kept it. Nothing was changed.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        IReadOnlyList<IcaPlanChange> rollback = RotationPlanner.Rollback(
            subject.ApiUrl, subject.Credential, subject.UserName, oldKeyId, newKey.AccessKeyId, old.Status == AccessKeyStatus.Active);
        IReadOnlyList<IcaPlanChange> deleteNew = [.. rollback.OfType<DeleteAccessKeyChange>()];
        IReadOnlyList<IcaPlanChange> changes = [.. rollback.Where(c => c is not DeleteAccessKeyChange), .. Validations()];
        if (!await ConfirmAsync("Roll back to the old key", [.. changes, .. deleteNew]).ConfigureAwait(false))
        {
            return ExitCodes.Success;
        }

        IcaApplyResult applied = await ApplyAsync(changes, new AwsAccessKey(oldKeyId, oldSecret!.Trim()), ct).ConfigureAwait(false);
        bool icaHasOld = applied.Result.Changes.Any(c => c.Change is RestoreStorageCredentialSecretsChange && c.Outcome == ChangeOutcome.Done);
        if (!applied.Result.Succeeded)
        {
            await WriteFailureAsync(applied).ConfigureAwait(false);
            await WriteStateAsync(icaHasOld ? oldKeyId : newKey.AccessKeyId, await ReadKeysAsync(ct).ConfigureAwait(false) ?? []).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        int watched = await WatchAsync(ct).ConfigureAwait(false);
        if (watched == ExitCodes.Success)
        {
            IcaApplyResult deleted = await ApplyAsync(deleteNew, null, ct).ConfigureAwait(false);
            await WriteFailureAsync(deleted).ConfigureAwait(false);
            watched = deleted.Result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }
        else
        {
            await host.Out.WriteLineAsync(
                $"ICA holds {oldKeyId} again but its validation did not read OK: is the secret in {IcaRotateCommand.OldSecretVariable} the one of {oldKeyId}? " +
                $"The new key {newKey.AccessKeyId} was kept (active); run the rollback again with the right secret.").ConfigureAwait(false);
        }

        await WriteStateAsync(oldKeyId, await ReadKeysAsync(ct).ConfigureAwait(false) ?? []).ConfigureAwait(false);
        return watched;
    }

    private IEnumerable<IcaPlanChange> Validations() =>
        subject.Configurations.Select(c => new ValidateStorageConfigurationChange(subject.ApiUrl, c.Name, c.Id));

    private string Again() =>
        $"icakms ica rotate --credential {subject.Credential.Name} --iam-user {subject.UserName} " +
        string.Join(' ', subject.Configurations.Select(c => $"--configuration-name {c.Name}"));

    private async Task<IReadOnlyList<AccessKeyUse>?> ReadKeysAsync(CancellationToken ct)
    {
        (IReadOnlyList<AccessKeyUse> keys, string? problem) = await AccessKeyReader.ReadAsync(subject.Iam, subject.UserName, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            await host.Error.WriteLineAsync(problem).ConfigureAwait(false);
            return null;
        }

        return keys;
    }

    private async Task<AccessKeyUse?> FindAsync(IReadOnlyList<AccessKeyUse> keys, string keyId, string option)
    {
        AccessKeyUse? found = keys.FirstOrDefault(k => k.AccessKeyId == keyId);
        if (found is null)
        {
            await host.Error.WriteLineAsync($"{option}: {subject.UserName} has no access key {keyId} (its keys: {string.Join(", ", keys.Select(k => k.AccessKeyId))}). Nothing was changed.").ConfigureAwait(false);
        }

        return found;
    }

    // Prints the keys and the plan; true when it is to be sent (--yes).
    private async Task<bool> ConfirmAsync(string title, IReadOnlyList<IcaPlanChange> changes)
    {
        _console.MarkupLine($"ICA at [bold]{Markup.Escape(subject.ApiUrl.AbsoluteUri)}[/], storage credential [bold]{Markup.Escape(subject.Credential.Name)}[/], IAM user [bold]{Markup.Escape(subject.UserName)}[/]");
        PlanPrinter.WritePlan(_console, host.Out, title, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), subject.Region);
        _console.WriteLine();
        if (!yes)
        {
            await host.Out.WriteLineAsync($"{changes.Count} change(s) planned; nothing was sent. Run again with --yes to make them.").ConfigureAwait(false);
            return false;
        }

        await host.Out.WriteLineAsync($"Applying {changes.Count} change(s) as {subject.Principal}.").ConfigureAwait(false);
        return true;
    }

    private async Task<IcaApplyResult> ApplyAsync(IReadOnlyList<IcaPlanChange> changes, AwsAccessKey? pasted, CancellationToken ct)
    {
        using AuditLog audit = AuditLog.Open(auditLog, host.Error, host.Time);
        return await IcaApplier.ApplyAsync(subject.Ica, subject.Iam, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), pasted, subject.Principal, host.Time, change =>
        {
            audit.Record(change);
            _console.MarkupLine($"  {Markup.Escape(change.Outcome.ToString().ToLowerInvariant())} {Markup.Escape(change.Change.Title)}: {Markup.Escape(change.Message)}");
        }, ct).ConfigureAwait(false);
    }

    // Watches every configuration; an ERROR wins over a watch that could not finish.
    private async Task<int> WatchAsync(CancellationToken ct)
    {
        var codes = new List<int>();
        foreach (StorageConfiguration configuration in subject.Configurations)
        {
            codes.Add(await ValidationPrinter.WatchAsync(host, subject.Ica, configuration.Id, configuration.Name, null, null, ct).ConfigureAwait(false));
        }

        return codes.Contains(ExitCodes.Failure) ? ExitCodes.Failure : codes.DefaultIfEmpty(ExitCodes.Success).Max();
    }

    private async Task WriteFailureAsync(IcaApplyResult applied)
    {
        if (applied.Result.Failure is { } failure)
        {
            await host.Error.WriteLineAsync(failure.Message).ConfigureAwait(false);
        }
    }

    // What the step left, in one line: the key ICA holds, and each key's status.
    private async Task WriteStateAsync(string? icaHolds, IReadOnlyList<AccessKeyUse> keys)
    {
        string list = keys.Count == 0 ? "could not be read" : string.Join(", ", keys.Select(k => $"{k.AccessKeyId} {k.Status.ToString().ToLowerInvariant()}"));
        await host.Out.WriteLineAsync(
            $"Left: ICA's credential {subject.Credential.Name} holds {icaHolds ?? "the key it held"}; the access keys of {subject.UserName}: {list}.").ConfigureAwait(false);
    }
}
