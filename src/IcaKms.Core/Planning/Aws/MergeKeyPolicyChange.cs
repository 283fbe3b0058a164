using IcaKms.Core.Aws;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>Writes the key policy with the spec's cross-account statement merged in (every other statement kept).</summary>
public sealed record MergeKeyPolicyChange(string KeyArn, string RoleArn) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Add the spec's cross-account statement for {RoleArn} to the key policy of {KeyArn}, keeping every other statement";

    /// <inheritdoc />
    public override string Permission => "kms:PutKeyPolicy";

    /// <inheritdoc />
    public override string Resource => KeyArn;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_kms_key_policy", KeyArn);

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => KeyPolicyScript.Permissions;

    /// <summary>The key's policy (the plan's <see cref="SetupChange.Before"/>).</summary>
    public override Task<AwsResult<string?>> ReadAsync(AwsGateways aws, CancellationToken ct) => KeyPolicyReader.ReadAsync(aws, KeyArn, ct);

    /// <inheritdoc />
    public override Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct) =>
        KeyPolicyReader.WriteAsync(aws, KeyArn, After, ct);

    /// <summary>Reads the key policy, merges the statement with <c>jq</c>, and writes it only when it changed.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [new($"Merge the spec's cross-account statement into the key policy with jq (every other statement kept), and send it only when it changed", KeyPolicyScript.Merge(context.Region, context.Arn(KeyArn), RoleArn))];
    }
}
