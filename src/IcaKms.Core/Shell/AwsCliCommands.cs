using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Validation;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Shell;

/// <summary>
/// The AWS CLI commands equivalent to each write IcaKms makes, so a person can run them by hand and get the same
/// result. Every method takes values that already passed their rule (it refuses raw input with an
/// <see cref="ArgumentException"/>), names the region explicitly, quotes every value for bash and builds every JSON
/// argument with System.Text.Json. No command ever passes <c>--bypass-policy-lockout-safety-check</c>.
/// </summary>
public static class AwsCliCommands
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

    /// <summary><c>s3api create-bucket</c>: no location constraint in us-east-1 (S3 refuses one there), the region elsewhere.</summary>
    public static AwsCliCommand CreateBucket(string region, string bucketName)
    {
        RequireRegion(region);
        RequireBucket(bucketName);
        var command = new BashCommandLine("s3api", "create-bucket", region).Option("--bucket", bucketName);
        if (region != "us-east-1")
        {
            command.JsonOption("--create-bucket-configuration", new { LocationConstraint = region });
        }

        return new($"Create the bucket {bucketName} in {region} (skip when it already exists)", command.ToString());
    }

    /// <summary>
    /// <c>s3api put-bucket-encryption</c>: default encryption <c>aws:kms</c> with the full key ARN and Bucket Key on,
    /// keeping the encryption types the bucket's current rule blocks (e.g. <c>SSE-C</c>).
    /// </summary>
    /// <param name="region">The bucket's region.</param>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="keyArn">The key.</param>
    /// <param name="blockedEncryptionTypes">The current rule's <c>BlockedEncryptionTypes</c>; empty when it has none.</param>
    public static AwsCliCommand PutBucketEncryption(string region, string bucketName, CliArn keyArn, IReadOnlyList<string> blockedEncryptionTypes)
    {
        RequireRegion(region);
        RequireBucket(bucketName);
        RequireKey(region, keyArn);
        ArgumentNullException.ThrowIfNull(blockedEncryptionTypes);
        var rule = new BucketEncryption(BucketEncryption.AwsKms, keyArn.DocumentValue, true, blockedEncryptionTypes);
        string line = new BashCommandLine("s3api", "put-bucket-encryption", region)
            .Option("--bucket", bucketName)
            .JsonOption("--server-side-encryption-configuration", BucketDocuments.Encryption(rule))
            .ToString();
        return new($"Default encryption of {bucketName}: SSE-KMS with the key's full ARN, Bucket Key on", line);
    }

    /// <summary><c>s3api put-public-access-block</c>: all four settings on.</summary>
    public static AwsCliCommand PutPublicAccessBlock(string region, string bucketName)
    {
        RequireRegion(region);
        RequireBucket(bucketName);
        string line = new BashCommandLine("s3api", "put-public-access-block", region)
            .Option("--bucket", bucketName)
            .JsonOption("--public-access-block-configuration", BucketDocuments.PublicAccess(new PublicAccessBlock(true, true, true, true)))
            .ToString();
        return new($"Block all public access to {bucketName}", line);
    }

    /// <summary><c>s3api put-bucket-ownership-controls</c>: bucket owner enforced (no ACLs).</summary>
    public static AwsCliCommand PutBucketOwnershipControls(string region, string bucketName)
    {
        RequireRegion(region);
        RequireBucket(bucketName);
        string line = new BashCommandLine("s3api", "put-bucket-ownership-controls", region)
            .Option("--bucket", bucketName)
            .JsonOption("--ownership-controls", BucketDocuments.Ownership("BucketOwnerEnforced"))
            .ToString();
        return new($"Object ownership of {bucketName}: bucket owner enforced", line);
    }

    /// <summary><c>s3api put-object</c> of the prefix folder, encrypted with the key.</summary>
    public static AwsCliCommand CreatePrefixFolder(string region, string bucketName, string keyPrefix, CliArn keyArn)
    {
        RequireRegion(region);
        RequireBucket(bucketName);
        RequirePrefix(keyPrefix);
        Require(keyPrefix.Length > 0, keyPrefix, "a prefix folder (the bucket root needs no folder)");
        RequireKey(region, keyArn);
        return new($"Create the folder {keyPrefix} in {bucketName}, encrypted with the key", PutObject(region, bucketName, keyPrefix, keyArn).ToString());
    }

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

    /// <summary>
    /// The verification: write a small (empty) test object under the prefix with SSE-KMS, show its
    /// <c>ServerSideEncryption</c> and <c>SSEKMSKeyId</c> (expect <c>aws:kms</c> and the key ARN), delete it. On a
    /// versioned (or suspended) bucket the version written is captured and deleted too, leaving no version behind.
    /// </summary>
    public static IReadOnlyList<AwsCliCommand> Verify(string region, string bucketName, string keyPrefix, CliArn keyArn, bool versioned)
    {
        RequireRegion(region);
        RequireBucket(bucketName);
        RequirePrefix(keyPrefix);
        RequireKey(region, keyArn);
        string key = keyPrefix + SetupNames.VerificationObjectName;
        CliArn versionId = CliArn.Captured("VERSION_ID");
        BashCommandLine put = PutObject(region, bucketName, key, keyArn);
        string putLine = versioned
            ? put.Option("--query", "VersionId || 'null'").Option("--output", "text").CapturedIn(versionId)
            : put.ToString();
        string headLine = new BashCommandLine("s3api", "head-object", region)
            .Option("--bucket", bucketName)
            .Option("--key", key)
            .Option("--query", "{ServerSideEncryption: ServerSideEncryption, SSEKMSKeyId: SSEKMSKeyId}")
            .ToString();
        var delete = new BashCommandLine("s3api", "delete-object", region).Option("--bucket", bucketName).Option("--key", key);
        if (versioned)
        {
            delete.Raw($"--version-id \"${versionId.VariableName}\"");
        }

        return
        [
            new($"Verify: write the test object {key} with SSE-KMS{(versioned ? $" (its version kept in ${versionId.VariableName})" : "")}", putLine),
            new("Verify: expect ServerSideEncryption aws:kms and SSEKMSKeyId the key ARN", headLine),
            new(versioned ? "Verify: delete the test object's version, leaving nothing behind" : "Verify: delete the test object", delete.ToString()),
        ];
    }

    private static BashCommandLine PutObject(string region, string bucketName, string key, CliArn keyArn) =>
        new BashCommandLine("s3api", "put-object", region)
            .Option("--bucket", bucketName)
            .Option("--key", key)
            .Option("--server-side-encryption", BucketEncryption.AwsKms)
            .Option("--ssekms-key-id", keyArn);

    private static void RequireRegion(string region) => RequireRule(IcaRegionRule.Validate(region), region, "region");

    private static void RequireBucket(string bucketName) => RequireRule(BucketNameRule.Validate(bucketName), bucketName, "bucket name");

    private static void RequirePrefix(string keyPrefix) => RequireRule(KeyPrefixRule.Validate(keyPrefix), keyPrefix, "key prefix");

    private static void RequireUser(string userName)
    {
        RequireRule(IamUserNameRule.Validate(userName), userName, "IAM user name");
        Require(SetupNames.IsValidUserName(userName), userName, "an IAM user name");
    }

    private static void RequirePolicyName(string policyName) =>
        Require(SetupNames.IsValidPolicyName(policyName), policyName, "an IAM policy name (1-128 of letters, digits and + = , . @ _ -)");

    private static void RequireKey(string region, CliArn keyArn)
    {
        ArgumentNullException.ThrowIfNull(keyArn);
        if (keyArn.Arn is { } arn)
        {
            RequireRule(KmsKeyArnRule.Validate(arn, region), arn, "key ARN");
        }
    }

    private static void RequirePolicyArn(CliArn policyArn)
    {
        ArgumentNullException.ThrowIfNull(policyArn);
        if (policyArn.Arn is { } arn)
        {
            RequireRule(PolicyArnRule.Validate(arn), arn, "policy ARN");
        }
    }

    private static void RequireRule(FieldValidation validation, string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!validation.IsValid || validation.Value != value)
        {
            throw new ArgumentException($"Not a validated {what}: {validation.Error ?? $"expected {InputText.Shorten(validation.Value)}"}", nameof(value));
        }
    }

    private static void Require(bool condition, string value, string what)
    {
        if (!condition)
        {
            throw new ArgumentException($"Not {what}: {InputText.Shorten(value ?? string.Empty)}", nameof(value));
        }
    }
}
