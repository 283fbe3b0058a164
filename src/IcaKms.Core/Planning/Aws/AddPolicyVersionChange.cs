using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Adds the spec's document as the new default version of an existing policy.</summary>
public sealed record AddPolicyVersionChange(string PolicyArn, PolicyDocument Document) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Make the IAM policy of step 2 the new default version of {PolicyArn}";

    /// <inheritdoc />
    public override string Permission => "iam:CreatePolicyVersion";

    /// <inheritdoc />
    public override string Resource => PolicyArn;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => ResourceAddress.Policy(PolicyArn);

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => PolicyVersionScript.Permissions;

    /// <summary>The policy's default document (the plan's <see cref="SetupChange.Before"/>).</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<ManagedPolicyVersion, AwsFailure> version = await aws.Iam.GetPolicyDefaultVersionAsync(PolicyArn, ct).ConfigureAwait(false);
        return version.Failure is { } failure ? Result<string?, AwsFailure>.Fail(failure) : Result<string?, AwsFailure>.Ok(version.Value!.Document);
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<PolicyVersionInfo, AwsFailure> version = await aws.Iam.CreatePolicyVersionAsync(PolicyArn, PolicyJson.Serialize(Document), ct).ConfigureAwait(false);
        return version.Succeeded ? ChangeWrite.Made($"{PolicyArn} has the new default version {version.Value!.VersionId}.") : ChangeWrite.Failed(version.Failure);
    }

    /// <summary>Adds the version only when the default one differs, making room at IAM's five versions first.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CliArn arn = context.Arn(PolicyArn);
        string block = string.Join('\n', [BashBlock.Assign(PolicyVersionScript.DocumentVariable, BashCommandLine.Json(Document)), .. PolicyVersionScript.Lines(context.Region, arn)]);
        return [new($"Make the IAM policy of step 2 the default version of {PolicyArn} unless it already is (IAM keeps at most {PolicyVersionPlan.MaxVersions} versions: the oldest non-default one is deleted first)", block)];
    }
}
