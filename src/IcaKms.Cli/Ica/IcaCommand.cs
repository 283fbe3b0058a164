using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning;
using IcaKms.Core;
using System.CommandLine;
using IcaKms.Cli.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Ica;

/// <summary><c>icakms ica</c>: ICA's side (apply, validate, watch), with the API key from <c>ICA_API_KEY</c> only.</summary>
internal static class IcaCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("ica", Help.Text(
            "ICA's side of the setup: create the storage credential and configuration, validate, watch. The ICA API key is read from the ICA_API_KEY environment variable only.",
            "ICA_API_KEY=... icakms ica apply --help",
            "ICA_API_KEY=... icakms ica validate --configuration-name lab-data",
            "ICA_API_KEY=... icakms ica watch --configuration-name lab-data"));
        command.Subcommands.Add(IcaApplyCommand.Create(host));
        command.Subcommands.Add(Validate(host));
        command.Subcommands.Add(Watch(host));
        command.Subcommands.Add(IcaRotateCommand.Create(host));
        return command;
    }

    private static Command Validate(CliHost host)
    {
        var ica = new IcaOptions();
        var name = NameOption();
        var auditLog = new Option<string?>("--audit-log") { Description = "Append the audit event (JSON lines) to this file instead of standard error.", HelpName = "file" };
        var command = new Command("validate", Help.Text(
            "Start ICA's validation of a storage configuration and watch it to OK or ERROR. Exit code: 0 OK, 1 ERROR, 3 could not run.",
            "ICA_API_KEY=... icakms ica validate --configuration-name lab-data"));
        command.Options.Add(name);
        command.Options.Add(auditLog);
        ica.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            if (ica.Connect(host, result) is not { } connection || await FindAsync(host, connection.Client, result.GetValue(name)!, ct).ConfigureAwait(false) is not { } found)
            {
                return ExitCodes.CouldNotRun;
            }

            // Through Core's applier, as the wizard's plan does: the same change, the same audit event.
            var plan = new SetupPlan(WizardStep.IcaConfiguration, [new ValidateStorageConfigurationChange(connection.ApiUrl, found.Name, found.Id)], [], []);
            using AuditLog audit = AuditLog.Open(result.GetValue(auditLog), host.Error, host.Time);
            IcaApplyResult applied = await IcaApplier.ApplyAsync(
                connection.Client, null, plan, null, $"ICA API key at {connection.ApiUrl.Host}", host.Time, audit.Record, ct).ConfigureAwait(false);
            if (!applied.Result.Succeeded)
            {
                await host.Error.WriteLineAsync(applied.Result.Failure?.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return await ValidationPrinter.WatchAsync(host, connection.Client, found.Id, found.Name, null, null, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Watch(CliHost host)
    {
        var ica = new IcaOptions();
        var name = NameOption();
        var command = new Command("watch", Help.Text(
            "Watch ICA's validation of a storage configuration until OK or ERROR (ICA goes on if the watch ends first). Exit code: 0 OK, 1 ERROR, 3 could not run.",
            "ICA_API_KEY=... icakms ica watch --configuration-name lab-data"));
        command.Options.Add(name);
        ica.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            if (ica.Connect(host, result) is not { } connection || await FindAsync(host, connection.Client, result.GetValue(name)!, ct).ConfigureAwait(false) is not { } found)
            {
                return ExitCodes.CouldNotRun;
            }

            return await ValidationPrinter.WatchAsync(host, connection.Client, found.Id, found.Name, null, null, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Option<string> NameOption() =>
        new("--configuration-name") { Description = "The storage configuration's name (or id) in ICA.", HelpName = "name", Required = true };

    private static async Task<StorageConfiguration?> FindAsync(CliHost host, IIcaClient ica, string wanted, CancellationToken ct)
    {
        Result<IReadOnlyList<StorageConfiguration>, IcaFailure> read = await ica.GetStorageConfigurationsAsync(ct).ConfigureAwait(false);
        if (read.Failure is { } failure)
        {
            await host.Error.WriteLineAsync($"ICA: {failure.Message}").ConfigureAwait(false);
            return null;
        }

        IReadOnlyList<StorageConfiguration> all = read.Value ?? [];
        StorageConfiguration? found = all.FirstOrDefault(c => c.Id == wanted) ?? all.FirstOrDefault(c => c.Name == wanted);
        if (found is null)
        {
            await host.Error.WriteLineAsync($"--configuration-name: ICA has no storage configuration named or with id '{wanted}'.").ConfigureAwait(false);
        }

        return found;
    }
}
