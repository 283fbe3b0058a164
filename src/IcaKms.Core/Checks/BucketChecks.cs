using IcaKms.Core.Aws;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>The bucket itself: where it is, its prefix folder, object ownership and public access.</summary>
internal static class BucketChecks
{
    public static CheckDefinition Region { get; } = new(LiveCheckIds.BucketRegion, WizardStep.Bucket, "Bucket exists in the ICA region");
    public static CheckDefinition Prefix { get; } = new(LiveCheckIds.PrefixFolder, WizardStep.Bucket, "Prefix folder exists");
    public static CheckDefinition Ownership { get; } = new(LiveCheckIds.ObjectOwnership, WizardStep.Bucket, "Object Ownership is bucket owner enforced");
    public static CheckDefinition PublicAccess { get; } = new(LiveCheckIds.PublicAccess, WizardStep.Bucket, "Block Public Access is on");

    private const string OwnerEnforced = "BucketOwnerEnforced";

    public static SetupCheck CheckRegion(CheckContext context)
    {
        if (context.Bucket is not string bucket)
        {
            return InvalidName(Region, context);
        }

        Result<string, AwsFailure> result = context.Snapshot.BucketRegion;
        string icaRegion = context.Request.AwsRegion;
        if (result.Failure is AwsFailure failure)
        {
            return failure.Kind == AwsFailureKind.NotFound
                ? Region.Fail(Missing(bucket), $"Create it in {icaRegion} with SSE-KMS default encryption (step 1), or correct the name.")
                : Region.NotChecked(failure);
        }

        string region = string.IsNullOrEmpty(result.Value) ? "us-east-1" : result.Value;
        return string.Equals(region, icaRegion, StringComparison.Ordinal)
            ? Region.Pass($"The bucket {bucket} is in {region}, the ICA region's AWS region.")
            : Region.Fail(
                $"The bucket {bucket} is in {region}, but the ICA region uses {icaRegion}: bucket, key and ICA project must be in the same region.",
                $"Use a bucket in {icaRegion}, or choose the ICA region of {region} in step 1.");
    }

    public static SetupCheck CheckPrefix(CheckContext context)
    {
        if (context.Request.PrefixError is string error)
        {
            return Prefix.NotChecked($"The key prefix is not valid: {error}", "Fix the key prefix in step 1, then inspect again.");
        }

        string folder = context.Request.Prefix;
        if (folder.Length == 0)
        {
            return Prefix.NotChecked("No key prefix given: ICA connects the bucket root, so there is no folder to look for.", "Enter a prefix folder in step 1 (recommended), such as 'ica/'.");
        }

        if (context.Bucket is null)
        {
            return InvalidName(Prefix, context);
        }

        if (context.Snapshot.PrefixExists is not Result<bool, AwsFailure> result)
        {
            return Prefix.NotChecked($"The folder {folder} was not looked for in this inspection.", "Inspect again.");
        }

        if (BucketNotChecked(Prefix, context, result.Failure) is SetupCheck notChecked)
        {
            return notChecked;
        }

        string bucket = context.Bucket;
        string key = context.KeyArn ?? "your key ARN";
        return result.Value
            ? Prefix.Pass($"The folder {folder} exists in {bucket}.")
            : Prefix.Warn(
                $"The folder {folder} does not exist in {bucket} yet.",
                $"Create it with encryption on: in the S3 console, Create folder '{folder.TrimEnd('/')}' with SSE-KMS and {key}, or run `aws s3api put-object --bucket {bucket} --key {folder} --server-side-encryption aws:kms --ssekms-key-id {key}`.");
    }

    public static SetupCheck CheckOwnership(CheckContext context)
    {
        Result<string?, AwsFailure> result = context.Snapshot.ObjectOwnership;
        if (BucketNotChecked(Ownership, context, result.Failure) is SetupCheck notChecked)
        {
            return notChecked;
        }

        string? ownership = result.Value;
        if (string.Equals(ownership, OwnerEnforced, StringComparison.Ordinal))
        {
            return Ownership.Pass("Object Ownership is Bucket owner enforced: the bucket owns every object, whoever wrote it.");
        }

        string found = string.IsNullOrEmpty(ownership) ? "not set (ACLs decide who owns an object)" : $"{ownership} (ACLs enabled)";
        return Ownership.Warn(
            $"Object Ownership is {found}: objects written by another account can stay owned by it and answer 403.",
            "Set Object Ownership to Bucket owner enforced (Permissions → Object Ownership → ACLs disabled).");
    }

    public static SetupCheck CheckPublicAccess(CheckContext context)
    {
        Result<PublicAccessBlock?, AwsFailure> result = context.Snapshot.PublicAccess;
        if (BucketNotChecked(PublicAccess, context, result.Failure) is SetupCheck notChecked)
        {
            return notChecked;
        }

        const string fix = "Turn on all four settings under Permissions → Block public access (bucket settings).";
        if (result.Value is not PublicAccessBlock block)
        {
            return PublicAccess.Warn("The bucket has no Block Public Access settings: only its policy and ACLs keep it private.", fix);
        }

        if (block.IsFullyBlocked)
        {
            return PublicAccess.Pass("Block Public Access is fully on.");
        }

        var off = new List<string>();
        AddIfOff(off, block.BlockPublicAcls, "BlockPublicAcls");
        AddIfOff(off, block.IgnorePublicAcls, "IgnorePublicAcls");
        AddIfOff(off, block.BlockPublicPolicy, "BlockPublicPolicy");
        AddIfOff(off, block.RestrictPublicBuckets, "RestrictPublicBuckets");
        return PublicAccess.Warn($"Block Public Access is only partly on: {string.Join(", ", off)} {(off.Count == 1 ? "is" : "are")} off.", fix);
    }

    /// <summary>
    /// The shared "cannot say" answers of the bucket checks: an invalid name, a missing bucket (one sentence for every
    /// check, whichever call found it missing), a failed call.
    /// </summary>
    public static SetupCheck? BucketNotChecked(CheckDefinition check, CheckContext context, AwsFailure? failure)
    {
        if (context.Bucket is not string bucket)
        {
            return InvalidName(check, context);
        }

        if (failure is null)
        {
            return null;
        }

        bool missing = failure.Kind == AwsFailureKind.NotFound || context.Snapshot.BucketRegion.Failure?.Kind == AwsFailureKind.NotFound;
        return missing
            ? check.NotChecked($"{Missing(bucket).TrimEnd('.')}, so this was not checked.", "Create the bucket (step 1), then inspect again.")
            : check.NotChecked(failure);
    }

    /// <summary>The one sentence every check uses for a bucket that does not exist.</summary>
    public static string Missing(string bucket) => $"The bucket {bucket} does not exist.";

    private static SetupCheck InvalidName(CheckDefinition check, CheckContext context) =>
        check.NotChecked($"The bucket name is not valid: {context.Request.BucketError ?? "no bucket name given."}", "Fix the bucket name in step 1, then inspect again.");

    private static void AddIfOff(List<string> off, bool on, string name)
    {
        if (!on)
        {
            off.Add(name);
        }
    }
}
