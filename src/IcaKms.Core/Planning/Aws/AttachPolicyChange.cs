using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Attaches the managed policy to the IAM user.</summary>
public sealed record AttachPolicyChange(string UserName, string PolicyArn) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Attach {PolicyArn} to the IAM user {UserName}";

    /// <inheritdoc />
    public override string Permission => "iam:AttachUserPolicy";

    /// <inheritdoc />
    public override string Resource => UserName;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_iam_user_policy_attachment", $"{UserName}/{PolicyArn}");

    /// <inheritdoc />
    public override IReadOnlyList<ResourceAddress> Needs => [ResourceAddress.User(UserName), ResourceAddress.Policy(PolicyArn)];

    /// <summary>The policy ARN when the user has it attached; null when not (the plan's state).</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> attached = await aws.Iam.ListAttachedUserPoliciesAsync(UserName, ct).ConfigureAwait(false);
        return attached.Failure is { } failure
            ? Result<string?, AwsFailure>.Fail(failure)
            : Result<string?, AwsFailure>.Ok(attached.Value!.Any(p => string.Equals(p.PolicyArn, PolicyArn, StringComparison.Ordinal)) ? PolicyArn : null);
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return ChangeWrite.Of(await aws.Iam.AttachUserPolicyAsync(UserName, PolicyArn, ct).ConfigureAwait(false), $"Attached {PolicyArn} to {UserName}.");
    }

    /// <summary>One attach: IAM attaches a policy once, so a second run changes nothing.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [IamCliCommands.AttachUserPolicy(context.Region, UserName, context.Arn(PolicyArn))];
    }
}
