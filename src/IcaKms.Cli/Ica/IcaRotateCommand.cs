using System.CommandLine;
using System.Globalization;
using IcaKms.Cli.Applying;
using IcaKms.Cli.Aws;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Cli.Ica;

/// <summary>
/// <c>icakms ica rotate</c>: the wizard's key rotation of an existing storage credential, in the same steps as its
/// buttons: rotate (make room, new key straight from IAM to ICA's <c>:updateSecrets</c>, validate and watch), then
/// <c>--retire OLD</c> (deactivate, refused by Core until every configuration reads OK), <c>--delete-old OLD</c> (a
/// deactivated key for good), or <c>--roll-back OLD</c> (ICA back to the old key, its secret from the environment).
/// Every step is Core's plan, printed first, sent only with <c>--yes</c>, each change audited; never a secret printed.
/// </summary>
internal static class IcaRotateCommand
{
    /// <summary>The environment variable a rollback reads the old key's secret from (never an argument: shell history).</summary>
    public const string OldSecretVariable = "ICAKMS_OLD_SECRET_ACCESS_KEY";

    public static Command Create(CliHost host)
    {
        var o = new RotateOptions();
        var command = new Command("rotate", Help.Text(
            "Rotate the access key an ICA storage credential (AWS_USER) holds, with no downtime: a new key for --iam-user goes straight from IAM to ICA, every " +
            "--configuration-name is validated on it; the old key stays active. Later, once they read OK: --retire OLD deactivates the old key, --delete-old OLD " +
            $"deletes it. If the validation fails: --roll-back OLD gives ICA the old key back (its secret read from {OldSecretVariable}). " +
            "The plan is printed first; nothing is sent without --yes. Exit code: 0 done (validated OK), 1 a change or the validation failed, 3 could not run (nothing changed).",
            "ICA_API_KEY=... icakms ica rotate --credential ica-storage --iam-user ica-storage --configuration-name lab-data",
            "ICA_API_KEY=... icakms ica rotate --credential ica-storage --iam-user ica-storage --configuration-name lab-data --yes --audit-log audit.jsonl",
            "ICA_API_KEY=... icakms ica rotate --credential ica-storage --iam-user ica-storage --configuration-name lab-data --retire AKIA... --rotated-at 2026-01-31T10:00:00Z --yes",
            "ICA_API_KEY=... icakms ica rotate --credential ica-storage --iam-user ica-storage --configuration-name lab-data --delete-old AKIA... --yes"));
        o.AddTo(command);
        command.Validators.Add(result =>
        {
            if (new[] { o.Retire, o.DeleteOld, o.RollBack }.Count(option => result.GetValue(option) is not null) > 1)
            {
                result.AddError("--retire, --delete-old and --roll-back are separate steps: give one of them.");
            }

            if (result.GetValue(o.IamPropagationWait) is < 0)
            {
                result.AddError("--iam-propagation-wait: give a number of seconds, 0 or more.");
            }

            if (result.GetValue(o.RotatedAt) is not null && result.GetValue(o.Retire) is null)
            {
                result.AddError("--rotated-at: it goes with --retire only.");
            }
        });
        command.SetAction((result, ct) => RunAsync(host, result, o, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, ParseResult result, RotateOptions o, CancellationToken ct)
    {
        DateTimeOffset? rotatedAt = null;
        if (result.GetValue(o.RotatedAt) is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                await host.Error.WriteLineAsync($"--rotated-at: '{text}' is not a time (e.g. 2026-01-31T10:00:00Z, as the rotation printed it).").ConfigureAwait(false);
                return ExitCodes.CouldNotRun;
            }

            rotatedAt = parsed;
        }

        if (await RotationSubject.OpenAsync(host, result, o, ct).ConfigureAwait(false) is not { } subject)
        {
            return ExitCodes.CouldNotRun;
        }

        TimeSpan? iamWait = result.GetValue(o.IamPropagationWait) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        var run = new RotationRun(host, subject, result.GetValue(o.Yes), result.GetValue(o.AuditLog), iamWait);
        if (result.GetValue(o.Retire) is { } retire)
        {
            return await new RetireStep(run).RunAsync(retire, rotatedAt, ct).ConfigureAwait(false);
        }

        if (result.GetValue(o.DeleteOld) is { } deleteOld)
        {
            return await new DeleteOldStep(run).RunAsync(deleteOld, ct).ConfigureAwait(false);
        }

        return result.GetValue(o.RollBack) is { } rollBack
            ? await new RollBackStep(run).RunAsync(rollBack, host.Environment(OldSecretVariable), ct).ConfigureAwait(false)
            : await new RotateStep(run).RunAsync(result.GetValue(o.HeldKey), ct).ConfigureAwait(false);
    }
}

/// <summary>The options of <c>icakms ica rotate</c>.</summary>
internal sealed class RotateOptions
{
    public IcaOptions Ica { get; } = new();

    public AwsOptions Aws { get; } = new();

    public Option<string> Credential { get; } = new("--credential") { Description = "The ICA storage credential (AWS_USER) whose access key is rotated: its name or id.", HelpName = "name-or-id", Required = true };

    public Option<string> IamUser { get; } = new("--iam-user") { Description = "The IAM user whose access key the credential holds.", HelpName = "name", Required = true };

    public Option<string[]> Configurations { get; } = new("--configuration-name")
    {
        Description = "A storage configuration that uses the credential (name or id; repeat for each): validated on the new key, and it must read OK before the old key is retired. ICA does not say which configurations use a credential.",
        HelpName = "name",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<string?> HeldKey { get; } = new("--held-key") { Description = "The access key id ICA holds now, when the IAM user has two keys (ICA never shows it).", HelpName = "access-key-id" };

    public Option<string?> Retire { get; } = new("--retire") { Description = "Deactivate this old key, once every configuration reads OK on the new one and the old key signed nothing since the rotation.", HelpName = "access-key-id" };

    public Option<string?> RotatedAt { get; } = new("--rotated-at") { Description = "With --retire: when ICA got the new key, as the rotation printed it (default: when the newest key was created).", HelpName = "time" };

    public Option<string?> DeleteOld { get; } = new("--delete-old") { Description = "Delete this deactivated old key for good.", HelpName = "access-key-id" };

    public Option<string?> RollBack { get; } = new("--roll-back") { Description = $"Give ICA this old key back (still active; its secret from {IcaRotateCommand.OldSecretVariable}) and delete the new one.", HelpName = "access-key-id" };

    public Option<int?> IamPropagationWait { get; } = new("--iam-propagation-wait")
    {
        Description = "Seconds to wait after deactivating a key before ICA's validation that follows counts (IAM is eventually consistent: right after, the key may still work). Default 120.",
        HelpName = "seconds",
    };

    public Option<string> Region { get; } = new("--region") { Description = "The AWS region the AWS session is checked in (IAM itself is global).", HelpName = "region", DefaultValueFactory = _ => "us-east-1" };

    public Option<bool> Yes { get; } = new("--yes") { Description = "Make the changes; without it the plan is only printed." };

    public Option<string?> AuditLog { get; } = new("--audit-log") { Description = "Append each change's audit event (JSON lines) to this file instead of standard error.", HelpName = "file" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Credential, IamUser, Configurations, HeldKey, Retire, RotatedAt, DeleteOld, RollBack, IamPropagationWait, Region, Yes, AuditLog })
        {
            command.Options.Add(option);
        }

        Ica.AddTo(command);
        Aws.AddTo(command);
    }
}

/// <summary>What every rotation step works on: ICA's credential and configurations, and the AWS session's IAM.</summary>
internal sealed record RotationSubject(
    IIcaClient Ica, Uri ApiUrl, StorageCredential Credential, IReadOnlyList<StorageConfiguration> Configurations, string UserName, IIamGateway Iam, string Region, string Principal)
{
    /// <summary>Connects to ICA and AWS and finds the credential and configurations, or says why not (nothing is changed).</summary>
    public static async Task<RotationSubject?> OpenAsync(CliHost host, ParseResult result, RotateOptions o, CancellationToken ct)
    {
        if (o.Ica.Connect(host, result) is not { } connection || !o.Aws.TryReadEndpoint(result, host, out Uri? endpoint))
        {
            return null;
        }

        (IIcaClient ica, Uri apiUrl) = connection;
        Task<Result<IReadOnlyList<StorageCredential>, IcaFailure>> credentialsRead = ica.GetStorageCredentialsAsync(ct);
        Task<Result<IReadOnlyList<StorageConfiguration>, IcaFailure>> configurationsRead = ica.GetStorageConfigurationsAsync(ct);
        await Task.WhenAll(credentialsRead, configurationsRead).ConfigureAwait(false);
        if (((await credentialsRead).Failure ?? (await configurationsRead).Failure) is { } failure)
        {
            await host.Error.WriteLineAsync($"ICA: {failure.Message}").ConfigureAwait(false);
            return null;
        }

        IReadOnlyList<StorageCredential> credentials = (await credentialsRead).Value ?? [];
        string wanted = result.GetValue(o.Credential)!;
        StorageCredential? credential = credentials.FirstOrDefault(c => c.Id == wanted) ?? credentials.FirstOrDefault(c => c.Name == wanted);
        if (credential is null || credential.Type != StorageCredential.AwsUserType)
        {
            string[] names = [.. credentials.Where(c => c.Type == StorageCredential.AwsUserType).Select(c => c.Name)];
            await host.Error.WriteLineAsync(credential is null
                ? $"--credential: ICA has no storage credential named or with id '{wanted}' (its AWS_USER credentials: {(names.Length == 0 ? "none" : string.Join(", ", names))})."
                : $"--credential: {credential.Name} is a {credential.Type} credential; only an AWS_USER credential holds an access key to rotate.").ConfigureAwait(false);
            return null;
        }

        IReadOnlyList<StorageConfiguration> all = (await configurationsRead).Value ?? [];
        var configurations = new List<StorageConfiguration>();
        foreach (string name in result.GetValue(o.Configurations) ?? [])
        {
            if ((all.FirstOrDefault(c => c.Id == name) ?? all.FirstOrDefault(c => c.Name == name)) is not { } found)
            {
                await host.Error.WriteLineAsync($"--configuration-name: ICA has no storage configuration named or with id '{name}'.").ConfigureAwait(false);
                return null;
            }

            configurations.Add(found);
        }

        string region = result.GetValue(o.Region)!.Trim();
        (AwsAccess? access, string? problem) = await AwsAccess.OpenAsync(host, result.GetValue(o.Aws.Profile), endpoint, region, ct).ConfigureAwait(false);
        if (access is null)
        {
            await host.Error.WriteLineAsync(problem).ConfigureAwait(false);
            return null;
        }

        return new RotationSubject(
            ica, apiUrl, credential, configurations, result.GetValue(o.IamUser)!.Trim(), access.Gateways(region).Iam, region,
            $"ICA API key at {apiUrl.Host}; AWS {access.Session.Identity.Arn}");
    }
}
