using System.CommandLine;
using IcaKms.Cli.Applying;
using IcaKms.Cli.Aws;
using IcaKms.Cli.Setups;
using IcaKms.Core.Bundle;
using IcaKms.Core.Checks;
using IcaKms.Core.Documents;
using IcaKms.Core.Export;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Exporting;

/// <summary>
/// <c>icakms export</c>: writes the setup as Terraform (<c>terraform/</c>) or CloudFormation (<c>cloudformation.json</c>
/// and its README), byte for byte as the wizard's zip holds them (Core's <see cref="ExportFiles"/>). Offline from the
/// inputs (<see cref="ExportSubject.Offline"/>); with <c>--connected</c> from the plans the apply flow would make of a
/// live inspection (<see cref="ExportFromPlan"/>), so what exists is imported, not created again.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliHost host)
    {
        var setup = new SetupOptions();
        var aws = new AwsOptions();
        var format = new Option<string>("--format") { Description = "What to write: terraform (terraform/main.tf, variables.tf, outputs.tf, README.md) or cloudformation (cloudformation.json and its README).", HelpName = "terraform|cloudformation", Required = true };
        format.AcceptOnlyFromAmong("terraform", "cloudformation");
        var outDir = new Option<string>("--out-dir", "-o") { Description = "The folder to write the files into (created when missing).", HelpName = "dir", Required = true };
        var connected = new Option<bool>("--connected") { Description = "Inspect the setup with your AWS credentials (the standard chain, or --profile) and export from the plan: what exists is imported, an existing key's policy merged. Without it: offline, no AWS call." };
        var command = new Command("export", Help.Text(
            "Write the setup as code, the same files as the wizard's zip: Terraform (terraform/) or a CloudFormation template (cloudformation.json), each with a README of how to run it. " +
            "Offline by default; --connected reads AWS first. Exit code: 0 written, 3 could not run.",
            "icakms export --format terraform --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab --prefix ica/ -o out",
            "icakms export --format cloudformation --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:... --iam-user ica-storage --cross-account -o out",
            "icakms export --format terraform --connected --profile admin --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:... -o out"));
        setup.AddTo(command, withIam: true);
        aws.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(connected);
        command.Options.Add(outDir);
        command.Validators.Add(result =>
        {
            if (!result.GetValue(connected) && (result.GetResult(aws.Profile) is { Implicit: false } || result.GetResult(aws.EndpointUrl) is { Implicit: false }))
            {
                result.AddError("--profile and --endpoint-url read AWS: give --connected as well (offline, export makes no AWS call).");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            ExportSubject? subject = result.GetValue(connected)
                ? await ConnectedAsync(host, result, setup, aws, ct).ConfigureAwait(false)
                : Offline(host, result, setup);
            if (subject is null)
            {
                return ExitCodes.CouldNotRun;
            }

            IReadOnlyList<SetupBundleFile> files = result.GetValue(format) == "terraform" ? ExportFiles.Terraform(subject) : ExportFiles.CloudFormation(subject);
            return BundleFolder.Write(host, files, result.GetValue(outDir)!);
        });
        return command;
    }

    private static ExportSubject? Offline(CliHost host, ParseResult result, SetupOptions options) =>
        SetupSelection.Select(result, options, config: null, withIam: true, host.Error) is [SelectedSetup setup]
            ? ExportSubject.Offline(Content(setup.Inputs))
            : null;

    private static async Task<ExportSubject?> ConnectedAsync(CliHost host, ParseResult result, SetupOptions options, AwsOptions aws, CancellationToken ct)
    {
        if (await LiveSetup.OpenAsync(host, result, options, aws, ct).ConfigureAwait(false) is not { } live)
        {
            return null;
        }

        LiveSnapshot snapshot = await live.InspectAsync(host, ct).ConfigureAwait(false);
        ExportSubject subject = ExportFromPlan.Create(Content(live.Setup.Inputs), live.Request, snapshot, live.Access.Session.Identity.Arn);
        foreach (string note in subject.Notes)
        {
            await host.Error.WriteLineAsync($"note: {note}").ConfigureAwait(false);
        }

        return subject;
    }

    // The wizard's documents for the inputs: the export reads the same content as the zip's.
    private static SetupBundleContent Content(SetupInputs inputs) => SetupDocuments.Create(inputs, SetupValidation.Of(inputs)).Content;
}
