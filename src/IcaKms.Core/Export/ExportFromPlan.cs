using IcaKms.Core.Aws;
using IcaKms.Core.Bundle;
using IcaKms.Core.Checks;
using IcaKms.Core.Planning;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Export;

/// <summary>
/// The export's subject from a live inspection, read from the plans the apply flow would make (the same planners):
/// what the bucket plan would not create exists and is imported; the key-policy plan's merge (every other statement
/// kept, the lockout rule) is the whole policy the export manages, or, when that plan is blocked, the policy is left
/// alone with the reason as a note. Never a key policy that drops a statement.
/// </summary>
public static class ExportFromPlan
{
    /// <summary>The subject for the inputs, from the inspection of them and who will apply the export.</summary>
    /// <param name="content">The bundle's content (the wizard's documents).</param>
    /// <param name="request">The validated inputs the inspection read.</param>
    /// <param name="snapshot">The inspection.</param>
    /// <param name="callerArn">The principal that will apply the export (the lockout rule is checked for it).</param>
    public static ExportSubject Create(SetupBundleContent content, InspectionRequest request, LiveSnapshot snapshot, string callerArn)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);
        ExportSubject offline = ExportSubject.Offline(content);
        if (request.BucketName is null || request.KeyArn is null)
        {
            return offline with { Notes = ["The bucket name or key ARN is not valid yet, so nothing was read: the files describe a new setup."] };
        }

        var notes = new List<string>();
        string keyArn = snapshot.Key.Value?.KeyArn ?? request.KeyArn;
        SetupPlan bucketPlan = BucketPlanner.Plan(request, snapshot);
        notes.AddRange(bucketPlan.Blockers);
        bool bucketKnown = bucketPlan.Blockers.Count == 0;
        bool creates = bucketPlan.Changes.OfType<CreateBucketChange>().Any();
        SetDefaultEncryptionChange? encryption = bucketPlan.Changes.OfType<SetDefaultEncryptionChange>().FirstOrDefault();
        EnforceBucketOwnerChange? ownership = bucketPlan.Changes.OfType<EnforceBucketOwnerChange>().FirstOrDefault();
        BlockPublicAccessChange? publicAccess = bucketPlan.Changes.OfType<BlockPublicAccessChange>().FirstOrDefault();
        bool bucketExists = bucketKnown && !creates;

        (bool userExists, string? policyArn, bool attached) = Iam(request, snapshot, offline);
        (string? merged, string? keyPolicyNote) = KeyPolicy(request, snapshot, callerArn);
        return offline with
        {
            ExistingKeyArn = keyArn,
            MergedKeyPolicy = merged,
            KeyPolicyNote = keyPolicyNote,
            BucketExists = bucketExists,
            EncryptionExists = bucketExists && (encryption is null || encryption.Before is not null),
            OwnershipExists = bucketExists && (ownership is null || ownership.Before is not null),
            PublicAccessBlockExists = bucketExists && (publicAccess is null || publicAccess.Before is not null),
            BlockedEncryptionTypes = encryption?.BlockedEncryptionTypes ?? snapshot.Encryption.Value?.BlockedEncryptionTypes ?? [],
            PrefixExists = bucketExists && request.Prefix.Length > 0 && !bucketPlan.Changes.OfType<CreatePrefixFolderChange>().Any(),
            UserExists = userExists,
            ExistingPolicyArn = policyArn,
            PolicyAttached = attached,
            FromLiveState = true,
            Notes = notes,
        };
    }

    // The IAM user and policy as the inspection read them: the user exists when its policies could be read; the
    // managed policy exists when it is attached (or given by ARN in step 2, as the offline script assumes).
    private static (bool UserExists, string? PolicyArn, bool Attached) Iam(InspectionRequest request, LiveSnapshot snapshot, ExportSubject offline)
    {
        if (snapshot.IamPolicies is not { Value: { } policies })
        {
            return (false, offline.ExistingPolicyArn, false);
        }

        IdentityPolicy? attached = policies.FirstOrDefault(p =>
            p.Source == IdentityPolicySource.AttachedToUser && p.PolicyArn is not null &&
            (string.Equals(p.PolicyArn, request.PolicyArn, StringComparison.Ordinal) || string.Equals(p.Name, offline.IamPolicyName, StringComparison.Ordinal)));
        return (request.IamUserName is not null, attached?.PolicyArn ?? offline.ExistingPolicyArn, attached is not null);
    }

    private static (string? Merged, string? Note) KeyPolicy(InspectionRequest request, LiveSnapshot snapshot, string callerArn)
    {
        if (!request.CrossAccountCopy)
        {
            return (null, null);
        }

        SetupPlan plan = KeyPolicyPlanner.Plan(request, snapshot, callerArn);
        if (plan.Blockers.Count > 0)
        {
            return (null, $"The key policy is left alone, as the wizard would leave it: {plan.Blockers[0]}");
        }

        if (plan.Changes.OfType<MergeKeyPolicyChange>().FirstOrDefault() is { After: { } after })
        {
            return (after, $"The key's whole policy as IcaKms would write it: the policy read from KMS with ICA's statement merged by its Sid, every other statement kept. {plan.Notes[0]}");
        }

        return (snapshot.KeyPolicy.Value, $"The key's whole policy as read from KMS, unchanged: {(plan.Notes.Count > 0 ? plan.Notes[0] : "it already holds ICA's statement.")}");
    }
}
