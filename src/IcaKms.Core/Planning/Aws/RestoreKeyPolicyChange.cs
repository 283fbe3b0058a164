using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Writes back the key policy a merge replaced (the one-click restore of this session).</summary>
public sealed record RestoreKeyPolicyChange(string KeyArn) : KeyPolicyChange(KeyArn)
{
    /// <inheritdoc />
    public override string Title => $"Restore the key policy of {KeyArn} as it was before IcaKms changed it";

    /// <summary>Writes the previous policy, inline, unless the key already has it.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return After is { } previous
            ? [new("Send the previous key policy back (KMS refuses a policy that would lock you out of the key)", KeyPolicyScript.Put(context.Region, context.Arn(KeyArn), previous))]
            : [];
    }
}
