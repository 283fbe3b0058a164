using IcaKms.Core.Aws;
using IcaKms.Core.Setup;
using static IcaKms.Core.Shell.CliArgumentChecks;

namespace IcaKms.Core.Shell;

/// <summary>
/// The AWS CLI commands for IcaKms's S3 writes (the bucket, its settings, the prefix folder) and the verification's
/// test object, so a person can run them by hand and get the same result.
/// Every method takes values that already passed their rule (it refuses raw input with an
/// <see cref="ArgumentException"/>), names the region explicitly, quotes every value for bash and builds every JSON
/// argument with System.Text.Json.
/// </summary>
public static class S3CliCommands
{
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
}
