using System.Text;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Setup;

/// <summary>
/// The whole setup as AWS CLI commands, built from the wizard's inputs alone, for a person with no session who will
/// run them elsewhere. In order: the key (only when no valid key ARN was given: an option, the rest then names the new
/// key as <c>"$KEY_ARN"</c>), the bucket, its settings and default encryption, the prefix folder (when there is a
/// prefix), the IAM user and policy, the key policy (only for cross-account copy), and the verification.
/// </summary>
/// <param name="Commands">The commands in the order to run them; empty when <see cref="Missing"/> is not.</param>
/// <param name="CreatesKey">True when the script creates the key because no valid key ARN was given.</param>
/// <param name="Missing">What must be entered before the script can be built (the fields' own messages).</param>
public sealed record OfflineSetupScript(IReadOnlyList<AwsCliCommand> Commands, bool CreatesKey, IReadOnlyList<string> Missing)
{
    /// <summary>True when the script could be built.</summary>
    public bool IsReady => Missing.Count == 0;

    /// <summary>The wizard step each of <see cref="Commands"/> belongs to, in the same order.</summary>
    public IReadOnlyList<WizardStep> Steps { get; init; } = [];

    /// <summary>The commands of one wizard step (the key and the bucket in step 1, IAM in step 2, the key policy in step 4, the verification in the review).</summary>
    public IReadOnlyList<AwsCliCommand> CommandsOf(WizardStep step) =>
        [.. Commands.Where((_, i) => i < Steps.Count && Steps[i] == step)];

    /// <summary>Builds the script from the inputs and their validation.</summary>
    public static OfflineSetupScript For(SetupInputs inputs, SetupValidation validation)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(validation);

        string[] missing = [.. new[] { validation.Region, validation.BucketName, validation.KeyPrefix, validation.CrossAccountRoleArn, validation.IamUserName, validation.PolicyArn }
            .Where(f => !f.IsValid)
            .Select(f => f.Error!)];
        bool createsKey = !validation.KeyArn.IsValid;
        if (missing.Length > 0)
        {
            return new([], createsKey, missing);
        }

        string region = validation.Region.Value;
        string bucket = validation.BucketName.Value;
        string prefix = validation.KeyPrefix.Value;
        CliArn key = createsKey ? CliArn.CreatedKey : CliArn.Of(validation.KeyArn.Value);
        string user = validation.IamUserName.Value.Length > 0 ? validation.IamUserName.Value : SetupNames.UserName(bucket);

        var commands = new List<AwsCliCommand>();
        var steps = new List<WizardStep>();
        if (createsKey)
        {
            commands.Add(Optional(AwsCliCommands.CreateKey(region, SetupNames.KeyDescription(bucket))));
            commands.Add(Optional(AwsCliCommands.CreateAlias(region, SetupNames.AliasName(bucket), key)));
        }

        commands.Add(AwsCliCommands.CreateBucket(region, bucket));
        commands.Add(AwsCliCommands.PutPublicAccessBlock(region, bucket));
        commands.Add(AwsCliCommands.PutBucketOwnershipControls(region, bucket));
        commands.Add(AwsCliCommands.PutBucketEncryption(region, bucket, key, []));
        if (prefix.Length > 0)
        {
            commands.Add(AwsCliCommands.CreatePrefixFolder(region, bucket, prefix, key));
        }

        steps.AddRange(Enumerable.Repeat(WizardStep.Bucket, commands.Count - steps.Count));
        commands.Add(AwsCliCommands.CreateUser(region, user));
        PolicyDocument policy = IamPolicy(inputs, validation, key);
        CliArn policyArn;
        if (validation.PolicyArn.Value.Length > 0)
        {
            policyArn = CliArn.Of(validation.PolicyArn.Value);
            commands.Add(AwsCliCommands.CreatePolicyVersion(region, policyArn, policy));
        }
        else
        {
            policyArn = CliArn.CreatedPolicy;
            commands.Add(AwsCliCommands.CreatePolicy(region, SetupNames.PolicyName(bucket), policy));
        }

        commands.Add(AwsCliCommands.AttachUserPolicy(region, user, policyArn));
        steps.AddRange(Enumerable.Repeat(WizardStep.IamPolicy, commands.Count - steps.Count));
        if (inputs.CrossAccountCopy)
        {
            commands.Add(AwsCliCommands.GetKeyPolicy(region, key));
            commands.Add(AwsCliCommands.PutKeyPolicy(region, key));
            steps.AddRange(Enumerable.Repeat(WizardStep.CrossAccount, commands.Count - steps.Count));
        }

        commands.AddRange(AwsCliCommands.Verify(region, bucket, prefix, key, inputs.Variant == PolicyVariant.Versioned));
        steps.AddRange(Enumerable.Repeat(WizardStep.Review, commands.Count - steps.Count));
        return new(commands, createsKey, []) { Steps = steps };
    }

    /// <summary>The script as a bash file: stops at the first failing command.</summary>
    public string ToBash()
    {
        var script = new StringBuilder("#!/usr/bin/env bash\n# IcaKms: SSE-KMS bucket setup for ICA, as AWS CLI commands.\nset -euo pipefail\n");
        foreach (AwsCliCommand command in Commands)
        {
            script.Append('\n').Append(command.ToScript()).Append('\n');
        }

        return script.ToString();
    }

    private static AwsCliCommand Optional(AwsCliCommand command) => new(
        $"Option (no valid key ARN was entered): {command.Comment}. To use an existing key instead, skip this and set {CliArn.CreatedKey.VariableName}=<its key ARN>",
        command.CommandLine);

    // The zip's policy, naming the key as the commands do (the new key's variable when the script creates it).
    private static PolicyDocument IamPolicy(SetupInputs inputs, SetupValidation validation, CliArn key)
    {
        SetupBundleContent content = SetupDocuments.Create(inputs, validation).Content;
        return (content with { Configuration = content.Configuration with { KeyArn = key.DocumentValue } }).IamPolicy();
    }
}
