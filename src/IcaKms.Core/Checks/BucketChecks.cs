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
        if (!context.Bucket.IsValid)
        {
            return Region.NotChecked($"The bucket name is not valid: {context.Bucket.Error}", "Fix the bucket name in step 1, then inspect again.");
        }

        string bucket = context.Bucket.Value;
        AwsResult<string> result = context.Snapshot.BucketRegion;
        if (result.Failure is AwsFailure failure)
        {
            return failure.Kind == AwsFailureKind.NotFound
                ? Region.Fail($"The bucket {bucket} does not exist.", $"Create it in {context.Inputs.AwsRegion} with SSE-KMS default encryption (step 1), or correct the name.")
                : Region.NotChecked(failure);
        }

        string region = string.IsNullOrEmpty(result.Value) ? "us-east-1" : result.Value;
        return string.Equals(region, context.Inputs.AwsRegion, StringComparison.Ordinal)
            ? Region.Pass($"The bucket {bucket} is in {region}, the ICA region's AWS region.")
            : Region.Fail(
                $"The bucket {bucket} is in {region}, but the ICA region uses {context.Inputs.AwsRegion}: bucket, key and ICA project must be in the same region.",
                $"Use a bucket in {context.Inputs.AwsRegion}, or choose the ICA region of {region} in step 1.");
    }

    public static SetupCheck CheckPrefix(CheckContext context)
    {
        if (!context.Prefix.IsValid)
        {
            return Prefix.NotChecked($"The key prefix is not valid: {context.Prefix.Error}", "Fix the key prefix in step 1, then inspect again.");
        }

        if (context.Prefix.Value.Length == 0)
        {
            return Prefix.NotChecked("No key prefix given: ICA connects the bucket root, so there is no folder to look for.", "Enter a prefix folder in step 1 (recommended), such as 'ica/'.");
        }

        if (context.Snapshot.PrefixExists is not AwsResult<bool> result)
        {
            return Prefix.NotChecked($"The folder {context.Prefix.Value} was not looked for in this inspection.", "Inspect again.");
        }

        if (result.Failure is AwsFailure failure)
        {
            return Prefix.NotChecked(failure);
        }

        string folder = context.Prefix.Value;
        string bucket = context.Bucket.Value;
        string key = context.KeyArn ?? "your key ARN";
        return result.Value
            ? Prefix.Pass($"The folder {folder} exists in {bucket}.")
            : Prefix.Warn(
                $"The folder {folder} does not exist in {bucket} yet.",
                $"Create it with encryption on: in the S3 console, Create folder '{folder.TrimEnd('/')}' with SSE-KMS and {key}, or run `aws s3api put-object --bucket {bucket} --key {folder} --server-side-encryption aws:kms --ssekms-key-id {key}`.");
    }

    public static SetupCheck CheckOwnership(CheckContext context)
    {
        AwsResult<string?> result = context.Snapshot.ObjectOwnership;
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
        AwsResult<PublicAccessBlock?> result = context.Snapshot.PublicAccess;
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

    /// <summary>The shared "cannot say" answers of the bucket checks: an invalid name, a missing bucket, a failed call.</summary>
    public static SetupCheck? BucketNotChecked(CheckDefinition check, CheckContext context, AwsFailure? failure)
    {
        if (!context.Bucket.IsValid)
        {
            return check.NotChecked($"The bucket name is not valid: {context.Bucket.Error}", "Fix the bucket name in step 1, then inspect again.");
        }

        if (failure is null)
        {
            return null;
        }

        return failure.Kind == AwsFailureKind.NotFound
            ? check.NotChecked($"Not checked: the bucket {context.Bucket.Value} does not exist.", "Create the bucket (step 1), then inspect again.")
            : check.NotChecked(failure);
    }

    private static void AddIfOff(List<string> off, bool on, string name)
    {
        if (!on)
        {
            off.Add(name);
        }
    }
}
