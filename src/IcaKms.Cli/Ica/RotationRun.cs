using IcaKms.Cli.Applying;
using IcaKms.Cli.Output;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;
using Spectre.Console;

namespace IcaKms.Cli.Ica;

/// <summary>
/// One run of <c>icakms ica rotate</c>, what its steps share: read the user's keys, print the plan, send it with
/// <c>--yes</c> (each change audited), watch ICA's validation, and end by saying which key ICA holds and each key's status.
/// Each step (<see cref="RotateStep"/>, <see cref="RetireStep"/>, <see cref="DeleteOldStep"/>, <see cref="RollBackStep"/>)
/// is one Core plan sent through it.
/// </summary>
internal sealed class RotationRun(CliHost host, RotationSubject subject, bool yes, string? auditLog, TimeSpan? iamWait = null)
{
    /// <summary>
    /// How long the clean-up after Ctrl+C may take: it runs on a token of its own (the command's is cancelled by then),
    /// within the grace the command line gives a stopped command (<see cref="IcakmsCommand.StopGrace"/>).
    /// </summary>
    internal static readonly TimeSpan CleanUpLimit = TimeSpan.FromSeconds(5);

    private readonly IAnsiConsole _console = ConsoleFactory.Create(host.Out, host, host.OutputIsTerminal);

    public CliHost Host => host;

    public RotationSubject Subject => subject;

    /// <summary>Whether the changes are sent (<c>--yes</c>), not only printed.</summary>
    public bool Yes => yes;

    /// <summary>How long to wait after a key is deactivated before ICA's validation counts (<c>--iam-propagation-wait</c>).</summary>
    public TimeSpan? IamWait => iamWait;

    /// <summary>A validation of every configuration the user named.</summary>
    public IEnumerable<IcaPlanChange> Validations() =>
        subject.Configurations.Select(c => new ValidateStorageConfigurationChange(subject.ApiUrl, c.Name, c.Id));

    /// <summary>The command line of this rotation, for the next step to be given with.</summary>
    public string Again() =>
        $"icakms ica rotate --credential {subject.Credential.Name} --iam-user {subject.UserName} " +
        string.Join(' ', subject.Configurations.Select(c => $"--configuration-name {c.Name}"));

    /// <summary>The user's access keys, or null once the problem is written.</summary>
    public async Task<IReadOnlyList<AccessKeyUse>?> ReadKeysAsync(CancellationToken ct)
    {
        (IReadOnlyList<AccessKeyUse> keys, string? problem) = await AccessKeyReader.ReadAsync(subject.Iam, subject.UserName, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            await host.Error.WriteLineAsync(problem).ConfigureAwait(false);
            return null;
        }

        return keys;
    }

    /// <summary>
    /// The user's keys and the one given to <paramref name="option"/> (a step's old key), or null once it is said why not:
    /// the keys could not be read, or the user has no such key.
    /// </summary>
    public async Task<(IReadOnlyList<AccessKeyUse> Keys, AccessKeyUse Key)?> ReadKeysWithAsync(string keyId, string option, CancellationToken ct)
    {
        if (await ReadKeysAsync(ct).ConfigureAwait(false) is not { } keys)
        {
            return null;
        }

        if (keys.FirstOrDefault(k => k.AccessKeyId == keyId) is not { } found)
        {
            await host.Error.WriteLineAsync($"{option}: {subject.UserName} has no access key {keyId} (its keys: {string.Join(", ", keys.Select(k => k.AccessKeyId))}). Nothing was changed.").ConfigureAwait(false);
            return null;
        }

        return (keys, found);
    }

    /// <summary>Prints the keys and the plan; true when it is to be sent (<c>--yes</c>).</summary>
    public async Task<bool> ConfirmAsync(string title, IReadOnlyList<IcaPlanChange> changes)
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

    /// <summary>Sends the changes, each one audited and printed as it ends.</summary>
    public async Task<IcaApplyResult> ApplyAsync(IReadOnlyList<IcaPlanChange> changes, AwsAccessKey? pasted, CancellationToken ct)
    {
        using AuditLog audit = AuditLog.Open(auditLog, host.Error, host.Time);
        return await IcaApplier.ApplyAsync(subject.Ica, subject.Iam, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), pasted, subject.Principal, host.Time, change =>
        {
            audit.Record(change);
            _console.MarkupLine($"  {Markup.Escape(change.Outcome.ToString().ToLowerInvariant())} {Markup.Escape(change.Change.Title)}: {Markup.Escape(change.Message)}");
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Watches every configuration; an ERROR wins over a watch that could not finish.</summary>
    public async Task<int> WatchAsync(CancellationToken ct)
    {
        var codes = new List<int>();
        foreach (StorageConfiguration configuration in subject.Configurations)
        {
            codes.Add(await ValidationPrinter.WatchAsync(host, subject.Ica, configuration.Id, configuration.Name, null, null, ct).ConfigureAwait(false));
        }

        return codes.Contains(ExitCodes.Failure) ? ExitCodes.Failure : codes.DefaultIfEmpty(ExitCodes.Success).Max();
    }

    /// <summary>Writes why the changes stopped, if they did.</summary>
    public async Task WriteFailureAsync(IcaApplyResult applied)
    {
        if (applied.Result.Failure is { } failure)
        {
            await host.Error.WriteLineAsync(failure.Message).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the keys again and says what the step left (<see cref="WriteStateAsync(string, IReadOnlyList{AccessKeyUse})"/>).</summary>
    public async Task WriteStateAsync(string? icaHolds, CancellationToken ct) =>
        await WriteStateAsync(icaHolds, await ReadKeysAsync(ct).ConfigureAwait(false) ?? []).ConfigureAwait(false);

    /// <summary>What the step left, in one line: the key ICA holds, and each key's status.</summary>
    public async Task WriteStateAsync(string? icaHolds, IReadOnlyList<AccessKeyUse> keys)
    {
        string list = keys.Count == 0 ? "could not be read" : string.Join(", ", keys.Select(k => $"{k.AccessKeyId} {k.Status.ToString().ToLowerInvariant()}"));
        await host.Out.WriteLineAsync(
            $"Left: ICA's credential {subject.Credential.Name} holds {icaHolds ?? "the key it held"}; the access keys of {subject.UserName}: {list}.").ConfigureAwait(false);
    }
}
