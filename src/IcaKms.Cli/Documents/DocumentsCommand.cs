using IcaKms.Core.Bundle;
using IcaKms.Core.Documents;
using System.CommandLine;
using IcaKms.Cli.Setups;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Documents;

/// <summary>
/// <c>icakms documents</c>: writes the wizard's zip's files (Core's <see cref="SetupBundle"/>) into a folder, byte for
/// byte as the zip holds them.
/// </summary>
internal static class DocumentsCommand
{
    public static Command Create(CliHost host)
    {
        var setup = new SetupOptions();
        var outDir = new Option<string>("--out-dir", "-o") { Description = "The folder to write the files into (created when missing).", HelpName = "dir", Required = true };
        var command = new Command("documents", Help.Text(
            "Write the setup's documents (the wizard's zip, unzipped): iam-policy.json, kms-key-policy-statement.json, ica-storage-configuration.json and README.txt. Offline: no AWS call.",
            "icakms documents --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab -o out",
            "icakms documents --region eu-central-1 --bucket lab-data --key-arn arn:aws:kms:eu-central-1:111122223333:key/... --prefix runs/ --versioned --cross-account -o out"));
        setup.AddTo(command, withIam: false);
        command.Options.Add(outDir);
        command.SetAction((result, _) => Task.FromResult(Run(host, setup, result.GetValue(outDir)!, result)));
        return command;
    }

    private static int Run(CliHost host, SetupOptions options, string outDir, ParseResult result)
    {
        if (SetupSelection.Select(result, options, config: null, withIam: false, host.Error) is not [SelectedSetup setup])
        {
            return ExitCodes.CouldNotRun;
        }

        SetupDocuments documents = SetupDocuments.Create(setup.Inputs, SetupValidation.Of(setup.Inputs));
        return BundleFolder.Write(host, SetupBundle.CreateFiles(documents.Content), outDir);
    }
}
