using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using static IcaKms.Core.Shell.CliArgumentChecks;

namespace IcaKms.Core.Shell;

/// <summary>
/// The AWS CLI commands for IcaKms's IAM writes (the user, the managed policy and its versions, the attachment), so a
/// person can run them by hand and get the same result.
/// Every method takes values that already passed their rule (it refuses raw input with an
/// <see cref="ArgumentException"/>), names the region explicitly, quotes every value for bash and builds every JSON
/// argument with System.Text.Json.
/// </summary>
public static class IamCliCommands
{
    /// <summary><c>iam create-user</c>: the IAM user whose access key ICA holds.</summary>
    public static AwsCliCommand CreateUser(string region, string userName)
    {
        RequireRegion(region);
        RequireUser(userName);
        string line = new BashCommandLine("iam", "create-user", region).Option("--user-name", userName).ToString();
        return new($"Create the IAM user {userName} for ICA (skip when it exists)", line);
    }

    /// <summary>
    /// <c>iam create-policy</c> from the zip's <see cref="SetupFileNames.IamPolicy"/>, its ARN captured in
    /// <see cref="CliArn.CreatedPolicy"/>.
    /// </summary>
    public static AwsCliCommand CreatePolicyFromFile(string region, string policyName)
    {
        RequireRegion(region);
        RequirePolicyName(policyName);
        string line = new BashCommandLine("iam", "create-policy", region)
            .Option("--policy-name", policyName)
            .FileOption("--policy-document", SetupFileNames.IamPolicy)
            .Option("--query", "Policy.Arn")
            .Option("--output", "text")
            .CapturedIn(CliArn.CreatedPolicy);
        return new($"Create the managed policy {policyName} from {SetupFileNames.IamPolicy}; its ARN is kept in ${CliArn.CreatedPolicy.VariableName}", line);
    }

    /// <summary>
    /// <c>iam create-policy</c> with the document inline, its ARN captured in <see cref="CliArn.CreatedPolicy"/>. A key
    /// held in a shell variable is named with its <see cref="CliArn.DocumentValue"/> in the document.
    /// </summary>
    public static AwsCliCommand CreatePolicy(string region, string policyName, PolicyDocument policy)
    {
        RequireRegion(region);
        RequirePolicyName(policyName);
        ArgumentNullException.ThrowIfNull(policy);
        string line = new BashCommandLine("iam", "create-policy", region)
            .Option("--policy-name", policyName)
            .JsonOption("--policy-document", policy)
            .Option("--query", "Policy.Arn")
            .Option("--output", "text")
            .CapturedIn(CliArn.CreatedPolicy);
        return new($"Create the managed policy {policyName}; its ARN is kept in ${CliArn.CreatedPolicy.VariableName}", line);
    }

    /// <summary><c>iam create-policy-version --set-as-default</c> from the zip's <see cref="SetupFileNames.IamPolicy"/>.</summary>
    public static AwsCliCommand CreatePolicyVersionFromFile(string region, CliArn policyArn)
    {
        RequireRegion(region);
        RequirePolicyArn(policyArn);
        string line = new BashCommandLine("iam", "create-policy-version", region)
            .Option("--policy-arn", policyArn)
            .FileOption("--policy-document", SetupFileNames.IamPolicy)
            .Flag("--set-as-default")
            .ToString();
        return new($"Make {SetupFileNames.IamPolicy} the policy's default version (IAM keeps at most 5 versions)", line);
    }

    /// <summary><c>iam create-policy-version --set-as-default</c> with the document inline.</summary>
    public static AwsCliCommand CreatePolicyVersion(string region, CliArn policyArn, PolicyDocument policy)
    {
        RequireRegion(region);
        RequirePolicyArn(policyArn);
        ArgumentNullException.ThrowIfNull(policy);
        string line = new BashCommandLine("iam", "create-policy-version", region)
            .Option("--policy-arn", policyArn)
            .JsonOption("--policy-document", policy)
            .Flag("--set-as-default")
            .ToString();
        return new("Add the policy as the new default version (IAM keeps at most 5 versions)", line);
    }

    /// <summary><c>iam delete-policy-version</c>: frees a slot when the policy already has five versions (never the default one).</summary>
    public static AwsCliCommand DeletePolicyVersion(string region, CliArn policyArn, string versionId)
    {
        RequireRegion(region);
        RequirePolicyArn(policyArn);
        ArgumentNullException.ThrowIfNull(versionId);
        Require(versionId.Length > 1 && versionId[0] == 'v' && versionId[1..].All(char.IsAsciiDigit) && versionId[1] != '0', versionId, "a policy version id such as v1");
        string line = new BashCommandLine("iam", "delete-policy-version", region)
            .Option("--policy-arn", policyArn)
            .Option("--version-id", versionId)
            .ToString();
        return new($"Delete the oldest non-default policy version {versionId}: IAM allows at most 5 versions", line);
    }

    /// <summary><c>iam attach-user-policy</c>.</summary>
    public static AwsCliCommand AttachUserPolicy(string region, string userName, CliArn policyArn)
    {
        RequireRegion(region);
        RequireUser(userName);
        RequirePolicyArn(policyArn);
        string line = new BashCommandLine("iam", "attach-user-policy", region)
            .Option("--user-name", userName)
            .Option("--policy-arn", policyArn)
            .ToString();
        return new($"Attach the policy to the IAM user {userName}", line);
    }
}
