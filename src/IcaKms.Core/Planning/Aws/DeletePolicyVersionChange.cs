using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Deletes a non-default version of a policy that already has five, so a new one fits.</summary>
public sealed record DeletePolicyVersionChange(string PolicyArn, string VersionId) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Delete version {VersionId} of {PolicyArn} (the oldest that is not the default): IAM keeps at most five versions";

    /// <inheritdoc />
    public override string Permission => "iam:DeletePolicyVersion";

    /// <inheritdoc />
    public override string Resource => PolicyArn;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Delete;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_iam_policy_version", $"{PolicyArn}/{VersionId}");

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => ["iam:ListPolicyVersions", "iam:DeletePolicyVersion"];

    /// <summary>The version, while it exists and is not the default one.</summary>
    public override string? PlannedState => VersionId;

    /// <summary>The version id while it exists and is not the default; null otherwise.</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure> versions = await aws.Iam.ListPolicyVersionsAsync(PolicyArn, ct).ConfigureAwait(false);
        return versions.Failure is { } failure
            ? Result<string?, AwsFailure>.Fail(failure)
            : Result<string?, AwsFailure>.Ok(versions.Value!.Any(v => v.VersionId == VersionId && !v.IsDefaultVersion) ? VersionId : null);
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return ChangeWrite.Of(await aws.Iam.DeletePolicyVersionAsync(PolicyArn, VersionId, ct).ConfigureAwait(false), $"Deleted version {VersionId} of {PolicyArn}.");
    }

    /// <summary>Deletes the version only while it is still there and not the default.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CliArn arn = context.Arn(PolicyArn);
        string look = new BashCommandLine("iam", "list-policy-versions", context.Region)
            .Option("--policy-arn", arn)
            .Option("--query", $"Versions[?VersionId==`\"{VersionId}\"` && !IsDefaultVersion].VersionId")
            .Option("--output", "text")
            .ToString();
        AwsCliCommand delete = IamCliCommands.DeletePolicyVersion(context.Region, arn, VersionId);
        string block = BashBlock.If(BashBlock.Found(look), [delete.CommandLine], [BashBlock.Say($"Version {VersionId} is gone or is the default: not deleted.")]);
        return [new(delete.Comment, block)];
    }
}
