using IcaKms.Core.Documents;
using IcaKms.Core.Planning;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;
using Spectre.Console;

namespace IcaKms.Cli.Applying;

/// <summary>One part's plan, as the wizard's plan panels show it: the changes in order, each with its diff and commands.</summary>
internal sealed record PartPlan(SetupPart Part, SetupPlan Plan);

/// <summary>Prints plans as the wizard's panels show them (blockers, changes, permission, diff, CLI equivalents, notes).</summary>
internal static class PlanPrinter
{
    public static string PartName(SetupPart part) => part switch
    {
        SetupPart.Bucket => "Bucket",
        SetupPart.Iam => "IAM user and policy",
        SetupPart.KeyPolicy => "Key policy (cross-account copy)",
        _ => part.ToString(),
    };

    /// <summary>Prints the plans on <paramref name="console"/>; the commands go to <paramref name="raw"/>, unwrapped, so they copy as they are.</summary>
    public static void Write(IAnsiConsole console, TextWriter raw, IReadOnlyList<PartPlan> plans, string region)
    {
        foreach ((SetupPart part, SetupPlan plan) in plans)
        {
            WritePlan(console, raw, PartName(part), plan, region);
        }
    }

    /// <summary>Prints one plan under <paramref name="title"/> (an AWS part, or ICA's side).</summary>
    public static void WritePlan(IAnsiConsole console, TextWriter raw, string title, SetupPlan plan, string region)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]== {Markup.Escape(title)} ==[/]");
        foreach (string blocker in plan.Blockers)
        {
            console.MarkupLine($"[yellow]! {Markup.Escape(blocker)}[/]");
        }

        if (plan.IsEmpty && plan.Blockers.Count == 0)
        {
            console.MarkupLine($"[green]Nothing to change: this part of the setup is as ICA needs it.[/]{Markup.Escape(string.Concat(plan.Notes.Select(n => " " + n)))}");
            return;
        }

        int number = 0;
        foreach (SetupChange change in plan.Changes)
        {
            WriteChange(console, raw, change, region, ++number);
        }

        if (!plan.IsEmpty)
        {
            foreach (string note in plan.Notes)
            {
                console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
            }
        }
    }

    /// <summary>The AWS CLI equivalents of every change, as one script (<c>--dry-run</c>).</summary>
    public static string Script(IReadOnlyList<PartPlan> plans, string region) => string.Join(
        "\n\n",
        plans.SelectMany(p => p.Plan.Changes).SelectMany(change => SetupChangeCommands.For(change, region)).Select(command => command.ToScript()));

    private static void WriteChange(IAnsiConsole console, TextWriter raw, SetupChange change, string region, int number)
    {
        console.MarkupLine($"{number}. [bold]{Markup.Escape(change.Title)}[/]");
        console.MarkupLine($"   Needs [blue]{Markup.Escape(change.Permission)}[/] on {Markup.Escape(change.Resource)}");
        foreach (PolicyDiffLine line in ChangeDiff.Of(change))
        {
            string text = Markup.Escape(line.Text);
            console.MarkupLine(line.Kind switch
            {
                PolicyDiffKind.Added => $"   [green]+ {text}[/]",
                PolicyDiffKind.Removed => $"   [red]- {text}[/]",
                _ => $"     {text}",
            });
        }

        console.MarkupLine("   [grey]Commands for the same change:[/]");
        foreach (ShellCommand command in SetupChangeCommands.For(change, region))
        {
            foreach (string line in command.ToScript().Split('\n'))
            {
                raw.WriteLine("     " + line);
            }
        }
    }
}
