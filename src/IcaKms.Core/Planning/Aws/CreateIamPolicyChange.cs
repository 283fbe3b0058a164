using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Creates the managed policy with the spec's document.</summary>
public sealed record CreateIamPolicyChange(string PolicyName, string PolicyArn, PolicyDocument Document) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Create the managed policy {PolicyName} with the IAM policy of step 2";

    /// <inheritdoc />
    public override string Permission => "iam:CreatePolicy";

    /// <inheritdoc />
    public override string Resource => PolicyArn;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => ResourceAddress.Policy(PolicyArn);

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => ["sts:GetCallerIdentity", "iam:CreatePolicy", .. PolicyVersionScript.Permissions];

    /// <summary>The policy's default document; null when the policy does not exist (the plan's state).</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<ManagedPolicyVersion, AwsFailure> version = await aws.Iam.GetPolicyDefaultVersionAsync(PolicyArn, ct).ConfigureAwait(false);
        return version.Failure switch
        {
            { Kind: AwsFailureKind.NotFound } => Result<string?, AwsFailure>.Ok(null),
            { } failure => Result<string?, AwsFailure>.Fail(failure),
            null => Result<string?, AwsFailure>.Ok(version.Value!.Document),
        };
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return ChangeWrite.Of(
            await aws.Iam.CreatePolicyAsync(PolicyName, PolicyJson.Serialize(Document), "ICA SSE-KMS access (IcaKms)", ct).ConfigureAwait(false),
            $"Created the managed policy {PolicyArn}.");
    }

    /// <summary>
    /// Looks for the policy by its ARN first (the account's, from STS, when the plan could not know it): when it
    /// exists, its default version is made the document as <see cref="AddPolicyVersionChange"/> does; else it is created.
    /// </summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CliArn arn = context.Arn(PolicyArn);
        var lines = new List<string>();
        if (arn.VariableName is { } variable)
        {
            string account = new BashCommandLine("sts", "get-caller-identity", context.Region).Option("--query", "Account").Option("--output", "text").ToString();
            lines.Add($"{variable}=\"arn:aws:iam::$({account}):policy/{PolicyName}\"");
        }

        lines.Add(BashBlock.Assign(PolicyVersionScript.DocumentVariable, BashCommandLine.Json(Document)));
        string look = new BashCommandLine("iam", "get-policy", context.Region).Option("--policy-arn", arn) + " >/dev/null 2>&1";
        string create = new BashCommandLine("iam", "create-policy", context.Region)
            .Option("--policy-name", PolicyName)
            .Raw($"--policy-document \"${PolicyVersionScript.DocumentVariable}\"")
            .ToString();
        lines.Add(BashBlock.If(look, PolicyVersionScript.Lines(context.Region, arn), [create]));
        string kept = arn.VariableName is { } name ? $"; its ARN is kept in ${name}" : string.Empty;
        return [new($"Create the managed policy {PolicyName} unless it exists (then make the IAM policy of step 2 its default version){kept}", string.Join('\n', lines))];
    }
}
