using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>
/// Plans step 1's changes from an inspection: create the bucket (with SSE-KMS by the full key ARN, Bucket Key on,
/// Block Public Access on, Object Ownership "bucket owner enforced") when it does not exist; otherwise fix exactly
/// what is not so, keeping every other setting of the encryption rule; and create the prefix folder when it is missing.
/// </summary>
public static class BucketPlanner
{
    private const string OwnerEnforced = "BucketOwnerEnforced";
    private const string Kms = "aws:kms";

    /// <summary>The plan for the request's bucket, from the snapshot an inspection of that request took.</summary>
    public static SetupPlan Plan(InspectionRequest request, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);

        var changes = new List<SetupChange>();
        var blockers = new List<string>();
        var notes = new List<string>();
        if (request.BucketName is not string bucket)
        {
            return Blocked($"Enter a valid bucket name first: {request.BucketError}");
        }

        if (KeyBlocker(request, snapshot) is string keyProblem)
        {
            return Blocked(keyProblem);
        }

        string keyArn = request.KeyArn!;
        Result<string, AwsFailure> region = snapshot.BucketRegion;
        if (region.Failure is { Kind: AwsFailureKind.NotFound })
        {
            changes.Add(new CreateBucketChange(bucket, request.AwsRegion));
            changes.Add(Encryption(bucket, keyArn, null));
            changes.Add(new BlockPublicAccessChange(bucket) { After = BucketDocuments.PublicAccessJson(new PublicAccessBlock(true, true, true, true)) });
            changes.Add(new EnforceBucketOwnerChange(bucket) { After = BucketDocuments.OwnershipJson(OwnerEnforced) });
            if (request.Prefix.Length > 0)
            {
                changes.Add(new CreatePrefixFolderChange(bucket, request.Prefix, keyArn));
            }

            return new SetupPlan(WizardStep.Bucket, changes, blockers, notes);
        }

        if (region.Failure is { } regionFailure)
        {
            return Blocked($"The bucket could not be read, so nothing was planned: {regionFailure.Message}");
        }

        string actual = string.IsNullOrEmpty(region.Value) ? "us-east-1" : region.Value;
        if (!string.Equals(actual, request.AwsRegion, StringComparison.Ordinal))
        {
            return Blocked($"The bucket {bucket} is in {actual}, not in {request.AwsRegion}: a bucket cannot move. Use a bucket in {request.AwsRegion} (a new name creates one), or choose the ICA region of {actual}.");
        }

        PlanEncryption(bucket, keyArn, snapshot, changes, blockers, notes);
        PlanPublicAccess(bucket, snapshot, changes, blockers);
        PlanOwnership(bucket, snapshot, changes, blockers);
        PlanPrefix(request, bucket, keyArn, snapshot, changes, blockers);
        return new SetupPlan(WizardStep.Bucket, changes, blockers, notes);
    }

    /// <summary>Why the key cannot be the bucket's default key, or null when it can.</summary>
    private static string? KeyBlocker(InspectionRequest request, LiveSnapshot snapshot)
    {
        if (request.KeyArn is null)
        {
            return "Enter the key ARN of a customer managed key in step 1 (or create a key) first: the bucket's encryption needs it.";
        }

        if (snapshot.Key.Failure is { } failure)
        {
            return $"The key could not be described, so the bucket is not set to use it: {failure.Message}";
        }

        KmsKeyDescription? key = snapshot.Key.Value;
        return key switch
        {
            null => "KMS answered without describing the key: inspect again.",
            { KeyManager: not "CUSTOMER" } => "The key is AWS managed: choose or create a customer managed key first.",
            { KeySpec: not "SYMMETRIC_DEFAULT" } or { KeyUsage: not "ENCRYPT_DECRYPT" } => "The key is not a symmetric encryption key: choose or create one first.",
            { KeyState: not "Enabled" } => $"The key is {key.KeyState}: enable it (or choose another) first.",
            _ when !string.Equals(key.Region, request.AwsRegion, StringComparison.Ordinal) => $"The key is in {key.Region}, not {request.AwsRegion}: choose or create a key in {request.AwsRegion} first.",
            _ => null,
        };
    }

    private static void PlanEncryption(string bucket, string keyArn, LiveSnapshot snapshot, List<SetupChange> changes, List<string> blockers, List<string> notes)
    {
        Result<BucketEncryption?, AwsFailure> result = snapshot.Encryption;
        if (result.Failure is { } failure)
        {
            blockers.Add($"Default encryption was not read, so it is not changed: {failure.Message}");
            return;
        }

        BucketEncryption? current = result.Value;
        bool right = current is not null && current.SseAlgorithm == Kms && current.BucketKeyEnabled &&
            string.Equals(current.KmsMasterKeyId?.Trim(), keyArn, StringComparison.Ordinal);
        if (!right)
        {
            changes.Add(Encryption(bucket, keyArn, current));
            notes.Add("Changing the default encryption does not re-encrypt objects already in the bucket: only new objects use the key.");
        }
    }

    private static void PlanPublicAccess(string bucket, LiveSnapshot snapshot, List<SetupChange> changes, List<string> blockers)
    {
        Result<PublicAccessBlock?, AwsFailure> result = snapshot.PublicAccess;
        if (result.Failure is { } failure)
        {
            blockers.Add($"Block Public Access was not read, so it is not changed: {failure.Message}");
        }
        else if (result.Value is not { IsFullyBlocked: true })
        {
            changes.Add(new BlockPublicAccessChange(bucket)
            {
                Before = result.Value is { } block ? BucketDocuments.PublicAccessJson(block) : null,
                After = BucketDocuments.PublicAccessJson(new PublicAccessBlock(true, true, true, true)),
            });
        }
    }

    private static void PlanOwnership(string bucket, LiveSnapshot snapshot, List<SetupChange> changes, List<string> blockers)
    {
        Result<string?, AwsFailure> result = snapshot.ObjectOwnership;
        if (result.Failure is { } failure)
        {
            blockers.Add($"Object Ownership was not read, so it is not changed: {failure.Message}");
        }
        else if (!string.Equals(result.Value, OwnerEnforced, StringComparison.Ordinal))
        {
            changes.Add(new EnforceBucketOwnerChange(bucket)
            {
                Before = string.IsNullOrEmpty(result.Value) ? null : BucketDocuments.OwnershipJson(result.Value),
                After = BucketDocuments.OwnershipJson(OwnerEnforced),
            });
        }
    }

    private static void PlanPrefix(InspectionRequest request, string bucket, string keyArn, LiveSnapshot snapshot, List<SetupChange> changes, List<string> blockers)
    {
        if (request.Prefix.Length == 0)
        {
            return;
        }

        if (snapshot.PrefixExists is not { } result)
        {
            blockers.Add($"The folder {request.Prefix} was not looked for: inspect again.");
        }
        else if (result.Failure is { } failure)
        {
            blockers.Add($"The folder {request.Prefix} was not looked for, so it is not created: {failure.Message}");
        }
        else if (!result.Value)
        {
            changes.Add(new CreatePrefixFolderChange(bucket, request.Prefix, keyArn));
        }
    }

    private static SetDefaultEncryptionChange Encryption(string bucket, string keyArn, BucketEncryption? current)
    {
        IReadOnlyList<string> blocked = current?.BlockedEncryptionTypes ?? [];
        return new SetDefaultEncryptionChange(bucket, keyArn, blocked)
        {
            Before = current is null ? null : BucketDocuments.EncryptionJson(current),
            After = BucketDocuments.EncryptionJson(new BucketEncryption(Kms, keyArn, true, blocked)),
        };
    }

    private static SetupPlan Blocked(string reason) => new(WizardStep.Bucket, [], [reason], []);
}
