using System.CommandLine;

namespace IcaKms.Cli.Setups;

/// <summary>The options that describe one setup, shared by documents, check, apply and verify.</summary>
internal sealed class SetupOptions
{
    public Option<string?> Region { get; } = new("--region") { Description = "The AWS region of the ICA project, e.g. us-east-1 (ICA's region implies it).", HelpName = "region" };

    public Option<string?> Bucket { get; } = new("--bucket") { Description = "The S3 bucket name.", HelpName = "name" };

    public Option<string?> KeyArn { get; } = new("--key-arn") { Description = "The full ARN of the customer managed KMS key.", HelpName = "arn" };

    public Option<string?> Prefix { get; } = new("--prefix") { Description = "The prefix folder connected to ICA (optional; the bucket root when absent).", HelpName = "folder/" };

    public Option<bool> Versioned { get; } = new("--versioned") { Description = "The bucket is versioned: use the spec's versioned IAM policy." };

    public Option<bool> ScopeObjectsToPrefix { get; } = new("--scope-objects-to-prefix") { Description = "Grant object access under the prefix only (not in ICA's page; off by default)." };

    public Option<bool> CrossAccount { get; } = new("--cross-account") { Description = "ICA's cross-account copy will use the key, with ICA's role for the region." };

    public Option<string?> CrossAccountRole { get; } = new("--cross-account-role") { Description = "ICA's cross-account role ARN (implies --cross-account).", HelpName = "arn" };

    public Option<string?> ConfigurationName { get; } = new("--configuration-name") { Description = "The storage configuration's name in ICA (a placeholder when absent).", HelpName = "name" };

    public Option<string?> Description { get; } = new("--description") { Description = "The storage configuration's description in ICA.", HelpName = "text" };

    public Option<string?> IamUser { get; } = new("--iam-user") { Description = "The IAM user whose access key ICA holds (its policies are checked).", HelpName = "name" };

    public Option<string?> PolicyArn { get; } = new("--policy-arn") { Description = "A managed policy ARN to check as well.", HelpName = "arn" };

    /// <summary>Adds the options to <paramref name="command"/>; the IAM user and policy only where a command reads AWS.</summary>
    public void AddTo(Command command, bool withIam)
    {
        foreach (Option option in All(withIam))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>True when any setup option was given (they cannot be mixed with <c>--config</c>).</summary>
    public bool AnyGiven(ParseResult result, bool withIam) => All(withIam).Any(option => result.GetResult(option) is { Implicit: false });

    /// <summary>The setup the options describe.</summary>
    public SetupEntry Read(ParseResult result) => new()
    {
        Region = result.GetValue(Region),
        Bucket = result.GetValue(Bucket),
        KeyArn = result.GetValue(KeyArn),
        Prefix = result.GetValue(Prefix),
        Versioned = result.GetValue(Versioned),
        ScopeObjectsToPrefix = result.GetValue(ScopeObjectsToPrefix),
        CrossAccount = result.GetValue(CrossAccount),
        CrossAccountRole = result.GetValue(CrossAccountRole),
        ConfigurationName = result.GetValue(ConfigurationName),
        Description = result.GetValue(Description),
        IamUser = result.GetValue(IamUser),
        PolicyArn = result.GetValue(PolicyArn),
    };

    private IEnumerable<Option> All(bool withIam)
    {
        Option[] setup = [Region, Bucket, KeyArn, Prefix, Versioned, ScopeObjectsToPrefix, CrossAccount, CrossAccountRole, ConfigurationName, Description];
        return withIam ? [.. setup, IamUser, PolicyArn] : setup;
    }
}
