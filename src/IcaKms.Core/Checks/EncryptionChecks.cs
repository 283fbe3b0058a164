using IcaKms.Core.Aws;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>The bucket's default encryption: SSE-KMS with exactly the wizard's key, and Bucket Key on.</summary>
internal static class EncryptionChecks
{
    public static CheckDefinition Encryption { get; } = new(LiveCheckIds.BucketEncryption, WizardStep.Bucket, "Default encryption is SSE-KMS with your key");
    public static CheckDefinition BucketKey { get; } = new(LiveCheckIds.BucketKey, WizardStep.Bucket, "Bucket Key is on");

    private const string Kms = "aws:kms";
    private const string Dsse = "aws:kms:dsse";
    private const string S3Managed = "AES256";
    private const string NotReencrypted = "changing the default does not re-encrypt objects already there";

    public static SetupCheck CheckEncryption(CheckContext context)
    {
        Result<BucketEncryption?, AwsFailure> result = context.Snapshot.Encryption;
        if (BucketChecks.BucketNotChecked(Encryption, context, result.Failure) is SetupCheck notChecked)
        {
            return notChecked;
        }

        string key = context.KeyArn ?? "your key ARN";
        string setIt = $"Set Properties → Default encryption to SSE-KMS with {key} (Choose from your AWS KMS keys)";
        if (result.Value is not BucketEncryption encryption)
        {
            return Encryption.Fail("The bucket has no default encryption.", $"{setIt}.");
        }

        string algorithm = encryption.SseAlgorithm;
        if (string.Equals(algorithm, S3Managed, StringComparison.Ordinal))
        {
            return Encryption.Fail("Default encryption is SSE-S3 (AES256), not SSE-KMS.", $"{setIt}; {NotReencrypted}.");
        }

        bool isKms = string.Equals(algorithm, Kms, StringComparison.Ordinal);
        bool isDsse = string.Equals(algorithm, Dsse, StringComparison.Ordinal);
        if (!isKms && !isDsse)
        {
            return Encryption.Fail($"Default encryption uses {algorithm}, which is not SSE-KMS.", $"{setIt}.");
        }

        if (string.IsNullOrWhiteSpace(encryption.KmsMasterKeyId))
        {
            return Encryption.Fail(
                $"Default encryption is {algorithm} with the AWS managed key aws/s3, which cannot be used across accounts and whose policy cannot be changed.",
                $"Choose your customer managed key {key} instead of aws/s3; {NotReencrypted}.");
        }

        return CompareKeys(context, encryption, isDsse);
    }

    public static SetupCheck CheckBucketKey(CheckContext context)
    {
        Result<BucketEncryption?, AwsFailure> result = context.Snapshot.Encryption;
        if (BucketChecks.BucketNotChecked(BucketKey, context, result.Failure) is SetupCheck notChecked)
        {
            return notChecked;
        }

        BucketEncryption? encryption = result.Value;
        if (encryption is null || !encryption.SseAlgorithm.StartsWith(Kms, StringComparison.Ordinal))
        {
            return BucketKey.NotChecked("Bucket Key applies to SSE-KMS only, and the bucket's default encryption is not SSE-KMS.", "Set SSE-KMS default encryption first (see the encryption check).");
        }

        if (string.Equals(encryption.SseAlgorithm, Dsse, StringComparison.Ordinal))
        {
            return BucketKey.NotChecked("DSSE-KMS does not support Bucket Keys: every object operation calls KMS.", "Use SSE-KMS (aws:kms) with Bucket Key on, unless you need dual-layer encryption.");
        }

        return encryption.BucketKeyEnabled
            ? BucketKey.Pass("Bucket Key is on: S3 calls KMS far less often.")
            : BucketKey.Warn(
                "Bucket Key is off: S3 calls KMS for every object, which costs more and can hit KMS request quotas.",
                "Turn on Bucket Key under Properties → Default encryption (the console turns it on, the API leaves it off).");
    }

    /// <summary>
    /// Compares the key the bucket names with the wizard's key by their resolved key ARNs. A named key KMS could not
    /// describe never passes: S3 does not check the key when the default is set, so only KMS can say it exists.
    /// </summary>
    private static SetupCheck CompareKeys(CheckContext context, BucketEncryption encryption, bool isDsse)
    {
        string named = encryption.KmsMasterKeyId!.Trim();
        string wizardKey = context.KeyArn ?? "your key ARN";
        ArnParts? namedArn = ArnParts.Parse(named);
        string? bucketRegion = BucketRegion(context);
        if (namedArn is { Service: "kms" } && bucketRegion is not null && !string.Equals(namedArn.Region, bucketRegion, StringComparison.Ordinal))
        {
            return Encryption.Fail(
                $"Default encryption names the key {named}, which is in {namedArn.Region} while the bucket is in {bucketRegion}: S3 cannot use a key from another region, so writes will fail.",
                $"Set the default encryption key to {wizardKey} (a key in {bucketRegion}); {NotReencrypted}.");
        }

        // The wizard's key, described, is the same key when the bucket names it by the same ARN.
        KmsKeyDescription? described = context.Snapshot.EncryptionKey?.Value
            ?? (context.Key is { } key && string.Equals(named, key.KeyArn, StringComparison.OrdinalIgnoreCase) ? key : null);
        if (described is null)
        {
            AwsFailure? failure = context.Snapshot.EncryptionKey?.Failure;
            return failure?.Kind == AwsFailureKind.NotFound
                ? Encryption.Fail(
                    $"Default encryption names the key {named}, which KMS cannot find: S3 does not check the key when it is set, so writes will fail.",
                    $"Set the default encryption key to {wizardKey}.")
                : Encryption.NotChecked(
                    failure?.Message ?? $"Default encryption names {named}, which could not be resolved to a key ARN.",
                    failure is null ? "Inspect again." : CheckDefinition.FixFor(failure));
        }

        string bucketKeyArn = described.KeyArn;
        if (context.KeyArn is null)
        {
            AwsFailure? keyFailure = context.Snapshot.Key.Failure;
            return Encryption.NotChecked(
                $"Default encryption uses {bucketKeyArn}, but your key could not be resolved to compare: {keyFailure?.Message ?? "no key ARN given."}",
                "Enter the key ARN in step 1, then inspect again.");
        }

        bool byArn = string.Equals(named, bucketKeyArn, StringComparison.OrdinalIgnoreCase);
        string via = byArn ? string.Empty : $" (named as {named})";
        if (!string.Equals(bucketKeyArn, context.KeyArn, StringComparison.OrdinalIgnoreCase))
        {
            return Encryption.Fail(
                $"Default encryption uses another key: {bucketKeyArn}{via}, not {context.KeyArn}.",
                $"Set the default encryption key to {context.KeyArn}, or use {bucketKeyArn} in step 1; {NotReencrypted}.");
        }

        if (!byArn)
        {
            // S3 resolves an alias or a bare key id in the requester's account: another account's request finds another key or none.
            string finding = $"Default encryption names your key as {named}, not by its key ARN: S3 resolves an alias or key id in the account of whoever writes, so writes from another account (ICA's cross-account copy) do not find your key.";
            string fix = $"Set the default encryption key to the full key ARN {context.KeyArn} (Properties → Default encryption → Enter AWS KMS key ARN).";
            return context.Request.CrossAccountCopy ? Encryption.Fail(finding, fix) : Encryption.Warn(finding, fix);
        }

        return isDsse
            ? Encryption.Warn(
                $"Default encryption is DSSE-KMS (aws:kms:dsse) with your key: it works, but DSSE does not support Bucket Keys and ICA's Algorithm is aws:kms.",
                "Switch to SSE-KMS (aws:kms) with the same key, unless you need dual-layer encryption.")
            : Encryption.Pass($"Default encryption is SSE-KMS with your key {context.KeyArn}.");
    }

    /// <summary>The bucket's region when HeadBucket answered (empty means us-east-1), else null.</summary>
    private static string? BucketRegion(CheckContext context) =>
        context.Snapshot.BucketRegion is { Succeeded: true, Value: var region } ? (string.IsNullOrEmpty(region) ? "us-east-1" : region) : null;
}
