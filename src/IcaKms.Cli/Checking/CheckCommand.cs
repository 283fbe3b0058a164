using System.CommandLine;
using System.Text;
using IcaKms.Cli.Aws;
using IcaKms.Cli.Output;
using IcaKms.Cli.Setups;
using Spectre.Console;

namespace IcaKms.Cli.Checking;

/// <summary><c>icakms check</c>: the wizard's live checks for one setup or a file of them, with an exit code for CI.</summary>
internal static class CheckCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliHost host)
    {
        var setup = new SetupOptions();
        var aws = new AwsOptions();
        var config = new Option<string?>("--config") { Description = "A JSON file of setups, one per bucket (instead of the setup options; see docs/cli.md).", HelpName = "file" };
        var output = new Option<string>("--output") { Description = "table (for people), json (for programs; docs/cli-check.schema.json) or junit (for CI test reports).", HelpName = "format", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json", "junit");
        var outputFile = new Option<string?>("--output-file") { Description = "Write the report into this file instead of standard output.", HelpName = "file" };
        var parallel = new Option<int>("--parallel") { Description = "How many setups are checked at once.", HelpName = "n", DefaultValueFactory = _ => SetupChecker.DefaultParallelism };
        parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--parallel: give a number from 1 to 64.");
            }
        });

        var command = new Command("check", Help.Text(
            "Inspect the bucket, key, grants and IAM policies of one setup (the options) or many (--config) with your AWS credentials, and judge them as the wizard does. " +
            "Exit code: 0 all pass, 1 a check failed, 2 warnings only, 3 could not run.",
            "icakms check --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:us-east-1:111122223333:key/... --iam-user ica-storage",
            "icakms check --config setups.json --parallel 16 --output junit --output-file icakms-check.xml",
            "AWS_PROFILE=audit icakms check --config setups.json --output json | jq '.setups[] | select(.verdict != \"pass\")'"));
        setup.AddTo(command, withIam: true);
        command.Options.Add(config);
        aws.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(outputFile);
        command.Options.Add(parallel);
        command.SetAction(async (result, ct) =>
        {
            IReadOnlyList<SelectedSetup>? setups = SetupSelection.Select(result, setup, config, withIam: true, host.Error);
            if (setups is null || !aws.TryReadEndpoint(result, host, out Uri? endpoint))
            {
                return ExitCodes.CouldNotRun;
            }

            string format = result.GetValue(output)!;
            string? file = result.GetValue(outputFile);
            Task<CheckRun> Check() => SetupChecker.RunAsync(host, setups, result.GetValue(aws.Profile), endpoint, result.GetValue(parallel), ct);

            // A person at a terminal sees the run is alive; scripts and CI logs get the report only.
            CheckRun run = host.OutputIsTerminal && format == "table" && file is null
                ? await ConsoleFactory.Create(host.Out, host, toTerminal: true).Status().StartAsync($"Checking {setups.Count} setup(s)…", _ => Check()).ConfigureAwait(false)
                : await Check().ConfigureAwait(false);
            return Report(host, run, format, file);
        });
        return command;
    }

    private static int Report(CliHost host, CheckRun run, string format, string? file)
    {
        if (file is null && format == "table")
        {
            CheckTable.Write(ConsoleFactory.Create(host.Out, host, host.OutputIsTerminal), run);
            return run.ExitCode;
        }

        string text = format switch
        {
            "json" => CheckJson.Write(run) + Environment.NewLine,
            "junit" => CheckJUnit.Write(run) + Environment.NewLine,
            _ => Table(run, host),
        };
        if (file is null)
        {
            host.Out.Write(text);
            return run.ExitCode;
        }

        try
        {
            File.WriteAllText(file, text, Utf8NoBom);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            host.Error.WriteLine($"--output-file: cannot write '{file}': {ex.Message}");
            return ExitCodes.CouldNotRun;
        }

        host.Error.WriteLine($"{run.Setups.Count} setup(s) checked (exit code {run.ExitCode}); report in {file}");
        return run.ExitCode;
    }

    private static string Table(CheckRun run, CliHost host)
    {
        using var writer = new StringWriter();
        CheckTable.Write(ConsoleFactory.Create(writer, host, toTerminal: false), run);
        return writer.ToString();
    }
}
