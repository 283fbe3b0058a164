using IcaKms.Core.Applying;
using System.CommandLine;
using IcaKms.Cli.Aws;
using IcaKms.Cli.Output;
using IcaKms.Cli.Setups;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;
using Spectre.Console;

namespace IcaKms.Cli.Applying;

/// <summary>
/// <c>icakms apply</c>: inspects one setup, prints the plan of each part as the wizard's panels do, and with <c>--yes</c>
/// applies it through Core's <see cref="SetupApplier"/> (the same read-before-write drift check and key-policy lockout
/// rule as the wizard), writing each change's audit event; then inspects again and, when the bucket changed, verifies it.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliHost host)
    {
        var setup = new SetupOptions();
        var aws = new AwsOptions();
        var yes = new Option<bool>("--yes") { Description = "Apply the plan (after naming the account and principal); without it the plan is only printed." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the AWS CLI equivalents of the plan only, as a script; change nothing." };
        var parts = new Option<string[]>("--part") { Description = "The parts to plan (default all): bucket, iam, key-policy.", HelpName = "part", AllowMultipleArgumentsPerToken = true };
        parts.AcceptOnlyFromAmong("bucket", "iam", "key-policy");
        var auditLog = new Option<string?>("--audit-log") { Description = "Append each change's audit event (JSON lines) to this file instead of standard error.", HelpName = "file" };
        var command = new Command("apply", Help.Text(
            "Plan the changes that make the setup what ICA needs (bucket settings, IAM user and policy, key-policy statement) and print them with their diffs and AWS CLI equivalents. " +
            "--yes applies them; --dry-run prints the commands only. Exit code: 0 done (or nothing to do), 1 a change failed, 3 could not run.",
            "icakms apply --region us-east-1 --bucket my-ica-bucket --key-arn arn:aws:kms:us-east-1:111122223333:key/... --prefix ica/ --iam-user ica-storage",
            "icakms apply ... --dry-run > setup.sh",
            "icakms apply ... --part bucket --yes --audit-log audit.jsonl"));
        setup.AddTo(command, withIam: true);
        aws.AddTo(command);
        command.Options.Add(yes);
        command.Options.Add(dryRun);
        command.Options.Add(parts);
        command.Options.Add(auditLog);
        command.Validators.Add(result =>
        {
            if (result.GetValue(yes) && result.GetValue(dryRun))
            {
                result.AddError("--dry-run: give --yes or --dry-run, not both.");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            if (await LiveSetup.OpenAsync(host, result, setup, aws, ct).ConfigureAwait(false) is not { } live)
            {
                return ExitCodes.CouldNotRun;
            }

            IReadOnlyList<SetupPart> chosen = Chosen(result.GetValue(parts));
            IReadOnlyList<PartPlan> plans = await PlanAsync(host, live, chosen, ct).ConfigureAwait(false);
            if (result.GetValue(dryRun))
            {
                await host.Out.WriteLineAsync(PlanPrinter.Script(plans, live.Request.AwsRegion)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            IAnsiConsole console = ConsoleFactory.Create(host.Out, host, host.OutputIsTerminal);
            CallerIdentity identity = live.Access.Session.Identity;
            console.MarkupLine($"Account [bold]{identity.Account}[/], principal [bold]{Markup.Escape(identity.Arn)}[/]");
            PlanPrinter.Write(console, host.Out, plans, live.Request.AwsRegion);
            int count = plans.Sum(p => p.Plan.Changes.Count);
            console.WriteLine();
            if (count == 0)
            {
                console.MarkupLine("[green]Nothing to change.[/]");
                return ExitCodes.Success;
            }

            if (!result.GetValue(yes))
            {
                console.WriteLine($"{count} change(s) planned; nothing was sent. Run again with --yes to apply them to AWS account {identity.Account} as {identity.Arn}.");
                return ExitCodes.Success;
            }

            using AuditLog audit = AuditLog.Open(result.GetValue(auditLog), host.Error, host.Time);
            return await ApplyAsync(host, console, live, plans, chosen, audit, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static IReadOnlyList<SetupPart> Chosen(string[]? parts) => parts is null || parts.Length == 0
        ? LivePlanning.Parts
        : [.. LivePlanning.Parts.Where(part => parts.Contains(part switch { SetupPart.Bucket => "bucket", SetupPart.Iam => "iam", _ => "key-policy" }))];

    private static async Task<IReadOnlyList<PartPlan>> PlanAsync(CliHost host, LiveSetup live, IReadOnlyList<SetupPart> parts, CancellationToken ct)
    {
        LiveSnapshot snapshot = await live.InspectAsync(host, ct).ConfigureAwait(false);
        var plans = new List<PartPlan>();
        foreach (SetupPart part in parts)
        {
            SetupPlan plan = await LivePlanning.PlanAsync(
                part, live.Request, snapshot, live.Access.Gateways(live.Request.AwsRegion), live.Access.Session.Identity.Arn, ct).ConfigureAwait(false);
            plans.Add(new PartPlan(part, plan));
        }

        return plans;
    }

    private static async Task<int> ApplyAsync(
        CliHost host, IAnsiConsole console, LiveSetup live, IReadOnlyList<PartPlan> plans, IReadOnlyList<SetupPart> parts, AuditLog audit, CancellationToken ct)
    {
        CallerIdentity identity = live.Access.Session.Identity;
        console.WriteLine($"Applying {plans.Sum(p => p.Plan.Changes.Count)} change(s) to AWS account {identity.Account} as {identity.Arn}.");
        bool bucketChanged = false;
        foreach ((SetupPart part, SetupPlan plan) in plans.Where(p => !p.Plan.IsEmpty))
        {
            ApplyResult applied = await SetupApplier.ApplyAsync(
                live.Access.Gateways(live.Request.AwsRegion), plan, identity.Arn, host.Time, change =>
                {
                    audit.Record(change);
                    console.MarkupLine($"  {Outcome(change.Outcome)} {Markup.Escape(change.Change.Title)}: {Markup.Escape(change.Message)}");
                }, ct).ConfigureAwait(false);
            if (!applied.Succeeded)
            {
                console.MarkupLine($"[red]{Markup.Escape(PlanPrinter.PartName(part))}: a change failed; the rest was not applied.[/]");
                return ExitCodes.Failure;
            }

            bucketChanged |= part == SetupPart.Bucket;
        }

        int result = ExitCodes.Success;
        if (bucketChanged && live.Request.BucketName is string bucket && live.Request.KeyArn is string keyArn)
        {
            VerificationResult verification = await SetupVerification.RunAsync(
                live.Access.Gateways(live.Request.AwsRegion).S3, bucket, live.Request.Prefix, keyArn, ct).ConfigureAwait(false);
            console.MarkupLine(verification.Passed ? $"[green]{Markup.Escape(verification.Message)}[/]" : $"[red]{Markup.Escape(verification.Message)}[/]");
            result = verification.Passed ? result : ExitCodes.Failure;
        }

        // As the wizard does after an apply: inspect and plan again; a second run would plan nothing.
        IReadOnlyList<PartPlan> again = await PlanAsync(host, live, parts, ct).ConfigureAwait(false);
        int left = again.Sum(p => p.Plan.Changes.Count);
        console.WriteLine(left == 0 ? "Planned again: nothing left to change." : $"Planned again: {left} change(s) left (run apply again to see them).");
        return result;
    }

    private static string Outcome(ChangeOutcome outcome) => outcome switch
    {
        ChangeOutcome.Done => "[green]done[/]",
        ChangeOutcome.Failed => "[red]failed[/]",
        _ => $"[grey]{outcome.ToString().ToLowerInvariant()}[/]",
    };
}
