using System.Text;
using IcaKms.Core.Checks;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>
/// The whole setup planned from the wizard's inputs alone, against an <see cref="EmptyAccount"/>, for a person with no
/// session who runs the AWS CLI commands elsewhere. The same planners and change handlers as a connected plan make it,
/// so every command shown comes from one path. In order: the key (only when no valid key ARN was given), the bucket,
/// its settings and the prefix folder, the IAM user and policy, the key policy (only for cross-account copy), then the
/// verification. Every command looks before it writes, so the script is safe to run again.
/// </summary>
public sealed record OfflineSetup
{
    private readonly IReadOnlyDictionary<SetupPart, IReadOnlyList<AwsCliCommand>> _commands;

    private OfflineSetup(string region, IReadOnlyList<AwsChange> changes, IReadOnlyDictionary<SetupPart, IReadOnlyList<AwsCliCommand>> commands, IReadOnlyList<string> missing, bool createsKey, bool versioned)
    {
        Region = region;
        Changes = changes;
        _commands = commands;
        Missing = missing;
        CreatesKey = createsKey;
        Versioned = versioned;
    }

    /// <summary>The region the commands name.</summary>
    public string Region { get; }

    /// <summary>The planned changes, in the order the script makes them.</summary>
    public IReadOnlyList<AwsChange> Changes { get; }

    /// <summary>What must be entered (or is wrong) before the commands can be built; empty when they are ready.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>True when the commands could be built.</summary>
    public bool IsReady => Missing.Count == 0;

    /// <summary>True when the setup creates the key because no valid key ARN was given.</summary>
    public bool CreatesKey { get; }

    /// <summary>True when the bucket is versioned (the verification then deletes the test object's version too).</summary>
    public bool Versioned { get; }

    /// <summary>Every command, in the order the script runs them.</summary>
    public IReadOnlyList<AwsCliCommand> Commands => [.. Enum.GetValues<SetupPart>().SelectMany(CommandsOf)];

    /// <summary>The commands of one part (empty when the part has nothing to do, or the inputs are not ready).</summary>
    public IReadOnlyList<AwsCliCommand> CommandsOf(SetupPart part) => _commands.TryGetValue(part, out IReadOnlyList<AwsCliCommand>? commands) ? commands : [];

    /// <summary>Every permission the script needs, each once, in the order its commands first need them.</summary>
    public IReadOnlyList<string> Permissions =>
    [
        .. Changes.SelectMany(c => c.ScriptPermissions)
            .Concat(["s3:PutObject", "kms:GenerateDataKey", "s3:GetObject", "s3:DeleteObject"])
            .Concat(Versioned ? ["s3:DeleteObjectVersion"] : [])
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>Plans the inputs against an empty account.</summary>
    public static OfflineSetup For(SetupInputs inputs, SetupValidation validation)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(validation);
        bool createsKey = !validation.KeyArn.IsValid || validation.KeyArn.Value.Length == 0;
        string[] missing = [.. new[] { validation.Region, validation.BucketName, validation.KeyPrefix, validation.CrossAccountRoleArn, validation.IamUserName, validation.PolicyArn }
            .Where(f => !f.IsValid)
            .Select(f => f.Error!)];
        if (missing.Length > 0)
        {
            return new(validation.Region.Value, [], new Dictionary<SetupPart, IReadOnlyList<AwsCliCommand>>(), missing, createsKey, false);
        }

        InspectionRequest request = InspectionRequest.Create(inputs, validation);
        string bucket = request.BucketName!;
        var plans = new List<(SetupPart Part, SetupPlan Plan)>();
        if (createsKey)
        {
            plans.Add((SetupPart.Key, KeyPlanner.Plan(request)));
            request = request with { KeyArn = CliArn.CreatedKey.DocumentValue };
        }

        LiveSnapshot empty = EmptyAccount.Snapshot(request);
        string user = request.IamUserName ?? SetupNames.UserName(bucket);
        plans.Add((SetupPart.Bucket, BucketPlanner.Plan(request, empty)));
        plans.Add((SetupPart.Iam, IamPlanner.Plan(request, false, EmptyAccount.IamFacts(user, bucket, request.PolicyArn))));
        plans.Add((SetupPart.KeyPolicy, KeyPolicyPlanner.Plan(request, empty, EmptyAccount.CallerArn)));

        var context = new CommandContext(request.AwsRegion);
        var commands = new Dictionary<SetupPart, IReadOnlyList<AwsCliCommand>>();
        foreach ((SetupPart part, SetupPlan plan) in plans)
        {
            commands[part] = [.. plan.Changes.OfType<AwsChange>().SelectMany(c => c.Commands(context))];
        }

        bool versioned = inputs.Variant == PolicyVariant.Versioned;
        commands[SetupPart.Verification] = S3CliCommands.Verify(request.AwsRegion, bucket, request.Prefix, CliArn.FromPlanned(request.KeyArn!), versioned);
        return new(
            request.AwsRegion,
            [.. plans.SelectMany(p => p.Plan.Changes).OfType<AwsChange>()],
            commands,
            [.. plans.SelectMany(p => p.Plan.Blockers)],
            createsKey,
            versioned);
    }

    /// <summary>
    /// The script as a bash file: what it changes and the permissions it needs at the top, a check for the AWS CLI and
    /// jq, every command (each looks before it writes, so it can run again), and the verification at the end. It stops at
    /// the first failing command; run again, it continues where it stopped.
    /// </summary>
    public string ToBash()
    {
        var script = new StringBuilder("#!/usr/bin/env bash\n# IcaKms: SSE-KMS bucket setup for ICA, as AWS CLI commands.\n");
        script.Append("# Safe to run again: each step looks first and skips what is already so; after a failure, run it again to continue.\n");
        script.Append("#\n# What it changes (when not already so):\n");
        foreach (AwsChange change in Changes)
        {
            script.Append("#   - ").Append(OneLine(change.Title)).Append('\n');
        }

        script.Append("#   then writes a test object under the prefix, checks its encryption, and deletes it.\n#\n# Permissions it needs:\n");
        foreach (string permission in Permissions)
        {
            script.Append("#   ").Append(permission).Append('\n');
        }

        script.Append("#\n# It needs the AWS CLI (aws) and jq, and credentials for the account (AWS_PROFILE or the environment).\n");
        script.Append("set -euo pipefail\n");
        script.Append("command -v aws >/dev/null 2>&1 || { echo 'This script needs the AWS CLI (aws) on PATH.' >&2; exit 1; }\n");
        script.Append("command -v jq >/dev/null 2>&1 || { echo 'This script needs jq on PATH: it compares and merges the JSON documents.' >&2; exit 1; }\n");
        foreach (AwsCliCommand command in Commands)
        {
            script.Append('\n').Append(command.ToScript()).Append('\n');
        }

        return script.ToString();
    }

    private static string OneLine(string text) => new([.. CliArn.Readable(text).Select(c => char.IsControl(c) ? ' ' : c)]);
}
