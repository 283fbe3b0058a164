using IcaKms.Core.Documents;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning;
using System.CommandLine;
using IcaKms.Cli.Applying;
using IcaKms.Cli.Aws;
using IcaKms.Cli.Output;
using IcaKms.Cli.Setups;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Setup;
using Spectre.Console;

namespace IcaKms.Cli.Ica;

/// <summary>
/// <c>icakms ica apply</c>: ICA's side of the setup, as the wizard's Finish in ICA: Core's <see cref="IcaPlanner"/> plans
/// the credential, the configuration, its sharing and its validation from what ICA holds now; with <c>--yes</c> Core's
/// <see cref="IcaApplier"/> makes them and the validation is watched to OK or ERROR.
/// </summary>
internal static class IcaApplyCommand
{
    public static Command Create(CliHost host)
    {
        var setup = new SetupOptions();
        var aws = new AwsOptions();
        var ica = new IcaOptions();
        var credential = new Option<string?>("--credential") { Description = "An ICA storage credential that exists (its name or id).", HelpName = "name-or-id" };
        var createAccessKey = new Option<bool>("--create-access-key") { Description = "Create an access key for --iam-user with your AWS credentials, and an ICA credential from it (the secret goes to ICA only)." };
        var credentialName = new Option<string?>("--credential-name") { Description = "The new credential's name (default: the IAM user's name).", HelpName = "name" };
        var share = new Option<bool>("--share") { Description = "Share the configuration with every user of the ICA tenant." };
        var yes = new Option<bool>("--yes") { Description = "Make the changes in ICA; without it the plan is only printed." };
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not wait for ICA's validation to end." };
        var auditLog = new Option<string?>("--audit-log") { Description = "Append each change's audit event (JSON lines) to this file instead of standard error.", HelpName = "file" };
        var command = new Command("apply", Help.Text(
            "Create the storage credential and configuration in ICA for the setup, share it if asked, start ICA's validation and watch it. The ICA API key is read from ICA_API_KEY only. " +
            "Exit code: 0 done and validated (or nothing to do), 1 a change or the validation failed, 3 could not run.",
            "ICA_API_KEY=... icakms ica apply --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:... --prefix ica/ --configuration-name lab-data --credential ica-storage",
            "ICA_API_KEY=... icakms ica apply ... --configuration-name lab-data --iam-user ica-storage --create-access-key --share --yes"));
        setup.AddTo(command, withIam: true);
        foreach (Option option in new Option[] { credential, createAccessKey, credentialName, share, yes, noWatch, auditLog })
        {
            command.Options.Add(option);
        }

        ica.AddTo(command);
        aws.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(credential) is not null) == result.GetValue(createAccessKey))
            {
                result.AddError("--credential: give either --credential (one that exists in ICA) or --create-access-key.");
            }
        });
        command.SetAction((result, ct) => RunAsync(host, result, new Options(setup, aws, ica, credential, createAccessKey, credentialName, share, yes, noWatch, auditLog), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, ParseResult result, Options o, CancellationToken ct)
    {
        if (SetupSelection.Select(result, o.Setup, config: null, withIam: true, host.Error, requireConfigurationName: true) is not [SelectedSetup selected] ||
            o.Ica.Connect(host, result) is not { } connection)
        {
            return ExitCodes.CouldNotRun;
        }

        (IIcaClient client, Uri apiUrl) = connection;
        SetupInputs inputs = selected.Inputs;
        SetupValidation validation = SetupValidation.Of(inputs);
        IcaRegion wantedRegion = IcaRegions.FindByAwsRegion(inputs.AwsRegion.Trim())!;
        Task<Result<IReadOnlyList<IcaApiRegion>, IcaFailure>> regionsRead = client.GetRegionsAsync(ct);
        Task<Result<IReadOnlyList<StorageCredential>, IcaFailure>> credentialsRead = client.GetStorageCredentialsAsync(ct);
        Task<Result<IReadOnlyList<StorageConfiguration>, IcaFailure>> configurationsRead = client.GetStorageConfigurationsAsync(ct);
        await Task.WhenAll(regionsRead, credentialsRead, configurationsRead).ConfigureAwait(false);
        if (((await regionsRead).Failure ?? (await credentialsRead).Failure ?? (await configurationsRead).Failure) is { } failure)
        {
            await host.Error.WriteLineAsync($"ICA: {failure.Message}").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        IReadOnlyList<IcaApiRegion> regions = (await regionsRead).Value ?? [];
        IReadOnlyList<StorageCredential> credentials = (await credentialsRead).Value ?? [];
        CredentialChoice choice;
        AwsAccess? access = null;
        if (result.GetValue(o.Credential) is { } wanted)
        {
            StorageCredential? found = credentials.FirstOrDefault(c => c.Id == wanted) ?? credentials.FirstOrDefault(c => c.Name == wanted);
            if (found is null)
            {
                await host.Error.WriteLineAsync($"--credential: ICA has no storage credential named or with id '{wanted}' (it has: {string.Join(", ", credentials.Select(c => c.Name))}).").ConfigureAwait(false);
                return ExitCodes.CouldNotRun;
            }

            choice = new CredentialChoice(CredentialSource.Existing, found.Id, found.Name);
        }
        else
        {
            if (validation.IamUserName.Value.Trim().Length == 0)
            {
                await host.Error.WriteLineAsync("--iam-user: --create-access-key needs the IAM user whose access key ICA will hold.").ConfigureAwait(false);
                return ExitCodes.CouldNotRun;
            }

            string name = CredentialChoice.NameFrom(result.GetValue(o.CredentialName) ?? validation.IamUserName.Value);
            if (CredentialChoice.NameProblem(name) is { } problem)
            {
                await host.Error.WriteLineAsync($"--credential-name: {problem}").ConfigureAwait(false);
                return ExitCodes.CouldNotRun;
            }

            if (!o.Aws.TryReadEndpoint(result, host, out Uri? endpoint))
            {
                return ExitCodes.CouldNotRun;
            }

            (access, string? awsProblem) = await AwsAccess.OpenAsync(host, result.GetValue(o.Aws.Profile), endpoint, inputs.AwsRegion.Trim(), ct).ConfigureAwait(false);
            if (access is null)
            {
                await host.Error.WriteLineAsync(awsProblem).ConfigureAwait(false);
                return ExitCodes.CouldNotRun;
            }

            choice = new CredentialChoice(CredentialSource.NewIamKey, null, name, IamUserName: validation.IamUserName.Value.Trim());
        }

        IcaStorageConfiguration configuration = SetupDocuments.Create(inputs, validation).StorageConfiguration;
        IcaApiRegion? region = IcaRegionMatch.Find(regions, wantedRegion);
        SetupPlan plan = IcaPlanner.Plan(new IcaPlanRequest(
            apiUrl, configuration, [], region, region is null ? IcaRegionMatch.NoEntitlement(regions, wantedRegion) : null,
            choice, credentials, (await configurationsRead).Value ?? [], result.GetValue(o.Share)));

        IAnsiConsole console = ConsoleFactory.Create(host.Out, host, host.OutputIsTerminal);
        console.MarkupLine($"ICA at [bold]{Markup.Escape(apiUrl.AbsoluteUri)}[/]");
        PlanPrinter.WritePlan(console, host.Out, "ICA", plan, inputs.AwsRegion.Trim());
        console.WriteLine();
        if (plan.IsEmpty)
        {
            return plan.Blockers.Count == 0 ? ExitCodes.Success : ExitCodes.CouldNotRun;
        }

        if (!result.GetValue(o.Yes))
        {
            console.WriteLine($"{plan.Changes.Count} change(s) planned; nothing was sent. Run again with --yes to make them in ICA at {apiUrl.Host}.");
            return ExitCodes.Success;
        }

        string principal = $"ICA API key at {apiUrl.Host}" + (access is null ? string.Empty : $"; AWS {access.Session.Identity.Arn}");
        console.WriteLine($"Applying {plan.Changes.Count} change(s) in ICA at {apiUrl.Host} as {principal}.");
        using AuditLog audit = AuditLog.Open(result.GetValue(o.AuditLog), host.Error, host.Time);
        IIamGateway? iam = access?.Gateways(inputs.AwsRegion.Trim()).Iam;
        IcaApplyResult applied = await IcaApplier.ApplyAsync(client, iam, plan, null, principal, host.Time, change =>
        {
            audit.Record(change);
            console.MarkupLine($"  {Markup.Escape(change.Outcome.ToString().ToLowerInvariant())} {Markup.Escape(change.Change.Title)}: {Markup.Escape(change.Message)}");
        }, ct).ConfigureAwait(false);
        if (!applied.Result.Succeeded)
        {
            return ExitCodes.Failure;
        }

        if (applied.ValidationStarted && applied.ConfigurationId is { } id && !result.GetValue(o.NoWatch))
        {
            return await ValidationPrinter.WatchAsync(host, client, id, configuration.ConfigurationName, configuration, validation.IamUserName.Value, ct).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private sealed record Options(
        SetupOptions Setup, AwsOptions Aws, IcaOptions Ica, Option<string?> Credential, Option<bool> CreateAccessKey, Option<string?> CredentialName,
        Option<bool> Share, Option<bool> Yes, Option<bool> NoWatch, Option<string?> AuditLog);
}
