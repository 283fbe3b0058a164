using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning;

/// <summary>What both key-policy handlers (merge and restore) share: the permission, the address, the read and the write.</summary>
public abstract record KeyPolicyChange(string KeyArn) : AwsChange
{
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

    /// <summary>The key's policy (the change's <see cref="SetupChange.Before"/>).</summary>
    public override Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct) => KeyPolicyReader.ReadAsync(aws, KeyArn, ct);

    /// <inheritdoc />
    public override Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct) =>
        KeyPolicyReader.WriteAsync(aws, KeyArn, After, ct);
}
