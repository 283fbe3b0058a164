using System.CommandLine;
using IcaKms.Cli.Applying;
using IcaKms.Cli.Checking;
using IcaKms.Cli.Documents;
using IcaKms.Cli.Exporting;
using IcaKms.Cli.Ica;

namespace IcaKms.Cli;

/// <summary>The <c>icakms</c> command and its subcommands; parse errors exit with <see cref="ExitCodes.CouldNotRun"/>.</summary>
internal static class IcakmsCommand
{
    /// <summary>
    /// How long a command stopped by Ctrl+C (or SIGTERM) may take to wind down before the process exits anyway (System.CommandLine's
    /// default is 2 s): time for a rotation to delete the new key ICA never got, on its own shorter deadline.
    /// </summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static RootCommand Create(CliHost host)
    {
        var root = new RootCommand(Help.Text(
            "icakms: the SSE-KMS setup of an S3 bucket for Illumina Connected Analytics (ICA), from the command line. " +
            "The same rules as the IcaKms wizard: documents and the Terraform/CloudFormation export offline; check, apply and verify with your AWS credentials (the standard chain, or --profile).",
            "icakms documents --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:us-east-1:111122223333:key/... -o out",
            "icakms export --format terraform --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:us-east-1:111122223333:key/... -o out",
            "icakms check --config setups.json --output junit --output-file icakms.xml",
            "icakms <command> --help"));
        root.Subcommands.Add(DocumentsCommand.Create(host));
        root.Subcommands.Add(ExportCommand.Create(host));
        root.Subcommands.Add(CheckCommand.Create(host));
        root.Subcommands.Add(ApplyCommand.Create(host));
        root.Subcommands.Add(VerifyCommand.Create(host));
        root.Subcommands.Add(IcaCommand.Create(host));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ParseResult result = Create(host).Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in result.Errors)
            {
                await host.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await host.Error.WriteLineAsync("Run 'icakms --help' or 'icakms <command> --help' for the options and examples.").ConfigureAwait(false);
            return ExitCodes.CouldNotRun;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error, ProcessTerminationTimeout = StopGrace }, cancellationToken).ConfigureAwait(false);
    }
}
