using IcaKms.Core.Setup;
using static IcaKms.Core.Shell.CliArgumentChecks;

namespace IcaKms.Core.Shell;

/// <summary>
/// The AWS CLI commands for IcaKms's KMS writes (a new key and its alias), so a person can run them by hand and get
/// the same result. Every method takes values that already passed their rule (it refuses raw input with an
/// <see cref="ArgumentException"/>), names the region explicitly and quotes every value for bash. No command ever passes
/// <c>--bypass-policy-lockout-safety-check</c>.
/// </summary>
public static class KmsCliCommands
{
    /// <summary><c>kms create-key</c>: a symmetric encryption key, its ARN captured in <see cref="CliArn.CreatedKey"/>.</summary>
    public static AwsCliCommand CreateKey(string region, string description)
    {
        RequireRegion(region);
        ArgumentNullException.ThrowIfNull(description);
        string line = new BashCommandLine("kms", "create-key", region)
            .Option("--key-spec", "SYMMETRIC_DEFAULT")
            .Option("--key-usage", "ENCRYPT_DECRYPT")
            .Option("--description", description)
            .Option("--query", "KeyMetadata.Arn")
            .Option("--output", "text")
            .CapturedIn(CliArn.CreatedKey);
        return new($"Create a symmetric customer managed KMS key in {region}; its ARN is kept in ${CliArn.CreatedKey.VariableName}", line);
    }

    /// <summary><c>kms create-alias</c>: a friendly name for the key (ICA itself needs the key ARN, never the alias).</summary>
    public static AwsCliCommand CreateAlias(string region, string aliasName, CliArn keyArn)
    {
        RequireRegion(region);
        Require(SetupNames.IsValidAliasName(aliasName), aliasName, "a KMS alias name (alias/ then letters, digits, / _ -; not alias/aws/)");
        RequireKey(region, keyArn);
        string line = new BashCommandLine("kms", "create-alias", region)
            .Option("--alias-name", aliasName)
            .Option("--target-key-id", keyArn)
            .ToString();
        return new($"Name the key {aliasName}", line);
    }
}
