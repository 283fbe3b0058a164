using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Writes the key policy with the spec's cross-account statement merged in (every other statement kept).</summary>
public sealed record MergeKeyPolicyChange(string KeyArn, string RoleArn) : KeyPolicyChange(KeyArn)
{
    /// <inheritdoc />
    public override string Title => $"Add the spec's cross-account statement for {RoleArn} to the key policy of {KeyArn}, keeping every other statement";

    /// <summary>Writes back the policy the merge replaced (what the plan read) once the merge is done.</summary>
    public override SetupChange? Undo => Before is not null && After is not null ? new RestoreKeyPolicyChange(KeyArn) { Before = After, After = Before } : null;

    /// <summary>Reads the key policy, merges the statement with <c>jq</c>, and writes it only when it changed.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [new($"Merge the spec's cross-account statement into the key policy with jq (every other statement kept), and send it only when it changed", KeyPolicyScript.Merge(context.Region, context.Arn(KeyArn), RoleArn))];
    }
}
