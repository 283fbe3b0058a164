using IcaKms.Core;
using IcaKms.Core.Checks;
using Spectre.Console;

namespace IcaKms.Cli.Checking;

/// <summary>The human report of a check run: one table per setup and a closing line.</summary>
internal static class CheckTable
{
    public static void Write(IAnsiConsole console, CheckRun run)
    {
        if (run.Principal is not null)
        {
            console.MarkupLine($"Checked as [bold]{Markup.Escape(run.Principal)}[/]");
        }

        foreach (SetupReport report in run.Setups)
        {
            console.WriteLine();
            console.MarkupLine(
                $"[bold]{Markup.Escape(report.Setup.Label)}[/] (s3://{Markup.Escape(report.Setup.Inputs.BucketName.Trim())}, {Markup.Escape(report.Setup.Inputs.AwsRegion.Trim())}): " +
                $"{Verdict(report.Verdict)} in {report.Elapsed.TotalSeconds:0.0} s");
            if (report.Problem is not null)
            {
                console.MarkupLine($"  [red]{Markup.Escape(report.Problem)}[/]");
            }

            if (report.Checks.Count == 0)
            {
                continue;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("Check", "State", "Finding", "Fix");
            foreach (SetupCheck check in report.Checks)
            {
                table.AddRow(
                    new Markup(Markup.Escape(check.Title)),
                    new Markup(State(check.State)),
                    new Markup(Markup.Escape(check.Finding)),
                    new Markup(Markup.Escape(check.Fix)));
            }

            console.Write(table);
        }

        console.WriteLine();
        console.MarkupLine(
            $"{run.Setups.Count} setup(s) in {run.Elapsed.TotalSeconds:0.0} s: {run.Count(SetupVerdict.Pass)} pass, {run.Count(SetupVerdict.Warning)} warning, " +
            $"{run.Count(SetupVerdict.Fail)} fail, {run.Count(SetupVerdict.CouldNotRun)} could not run (exit code {run.ExitCode})");
    }

    private static string State(CheckState state) => state switch
    {
        CheckState.Pass => "[green]pass[/]",
        CheckState.Warning => "[yellow]warning[/]",
        CheckState.Fail => "[red]fail[/]",
        _ => "[grey]not checked[/]",
    };

    private static string Verdict(SetupVerdict verdict) => verdict switch
    {
        SetupVerdict.Pass => "[green]pass[/]",
        SetupVerdict.Warning => "[yellow]warning[/]",
        SetupVerdict.Fail => "[red]fail[/]",
        _ => "[red]could not run[/]",
    };
}
