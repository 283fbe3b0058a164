using IcaKms.Core.Aws;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>Writes back the key policy a merge replaced (the one-click restore of this session).</summary>
public sealed record RestoreKeyPolicyChange(string KeyArn) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Restore the key policy of {KeyArn} as it was before IcaKms changed it";

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

    /// <summary>The key's policy (the one IcaKms wrote, the change's <see cref="SetupChange.Before"/>).</summary>
    public override Task<AwsResult<string?>> ReadAsync(AwsGateways aws, CancellationToken ct) => KeyPolicyReader.ReadAsync(aws, KeyArn, ct);

    /// <inheritdoc />
    public override Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct) =>
        KeyPolicyReader.WriteAsync(aws, KeyArn, After, ct);

    /// <summary>Writes the previous policy, inline, unless the key already has it.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return After is { } previous
            ? [new("Send the previous key policy back (KMS refuses a policy that would lock you out of the key)", KeyPolicyScript.Put(context.Region, context.Arn(KeyArn), previous))]
            : [];
    }
}
