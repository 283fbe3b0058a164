namespace IcaKms.Core.Setup;

/// <summary>The AWS CLI commands (for an ICA change, the <c>curl</c> commands) that make exactly the same change as a planned <see cref="SetupChange"/>.</summary>
public static class SetupChangeCommands
{
    /// <summary>The commands for a change, in the region the plan is for (IAM commands go to IAM's global endpoint anyway).</summary>
    public static IReadOnlyList<AwsCliCommand> For(SetupChange change, string region)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            CreateKeyChange c => [AwsCliCommands.CreateKey(c.Region, c.Description), AwsCliCommands.CreateAlias(c.Region, c.Alias, CliArn.CreatedKey)],
            CreateBucketChange c => [AwsCliCommands.CreateBucket(c.Region, c.Bucket)],
            SetDefaultEncryptionChange c => [AwsCliCommands.PutBucketEncryption(region, c.Bucket, CliArn.Of(c.KeyArn), c.BlockedEncryptionTypes)],
            BlockPublicAccessChange c => [AwsCliCommands.PutPublicAccessBlock(region, c.Bucket)],
            EnforceBucketOwnerChange c => [AwsCliCommands.PutBucketOwnershipControls(region, c.Bucket)],
            CreatePrefixFolderChange c => [AwsCliCommands.CreatePrefixFolder(region, c.Bucket, c.Prefix, CliArn.Of(c.KeyArn))],
            CreateIamUserChange c => [AwsCliCommands.CreateUser(region, c.UserName)],
            CreateIamPolicyChange c => [AwsCliCommands.CreatePolicy(region, c.PolicyName, c.Document)],
            DeletePolicyVersionChange c => [AwsCliCommands.DeletePolicyVersion(region, CliArn.Of(c.PolicyArn), c.VersionId)],
            AddPolicyVersionChange c => [AwsCliCommands.CreatePolicyVersion(region, CliArn.Of(c.PolicyArn), c.Document)],
            AttachPolicyChange c => [AwsCliCommands.AttachUserPolicy(region, c.UserName, CliArn.Of(c.PolicyArn))],
            MergeKeyPolicyChange c => [AwsCliCommands.GetKeyPolicy(region, CliArn.Of(c.KeyArn)), AwsCliCommands.PutKeyPolicy(region, CliArn.Of(c.KeyArn))],
            RestoreKeyPolicyChange c => [AwsCliCommands.PutKeyPolicy(region, CliArn.Of(c.KeyArn))],
            Ica.IcaChange or Ica.CreateIamAccessKeyChange => Ica.IcaCurlCommands.For(change),
            _ => throw new ArgumentException($"No CLI commands for {change.GetType().Name}.", nameof(change)),
        };
    }
}
