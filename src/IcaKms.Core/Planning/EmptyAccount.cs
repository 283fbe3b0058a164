using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>
/// What the planners see offline: an account where nothing of the setup exists yet (no bucket, no IAM user, no policy
/// named after the bucket), with the key given in step 1 (or the one the plan creates) as a customer managed key that
/// still has KMS's default key policy. Planning the inputs against it gives the commands the panels show offline,
/// through the same planners and handlers as a connected plan. What only AWS knows (the new key's ARN, the account of
/// the policy) is a shell variable the commands fill in (<see cref="CliArn.CreatedKey"/>, <see cref="CliArn.CreatedPolicy"/>).
/// </summary>
public static class EmptyAccount
{
    /// <summary>The account the offline plan pretends to be (only its default key policy names it; no command does).</summary>
    public const string Account = "111122223333";

    /// <summary>The caller the offline plan merges the key policy for (the account root, which the default policy names).</summary>
    public static string CallerArn => $"arn:aws:iam::{Account}:root";

    /// <summary>The inspection of an empty account for the request (the bucket missing, the key customer managed).</summary>
    public static LiveSnapshot Snapshot(InspectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string keyArn = request.KeyArn ?? CliArn.CreatedKey.DocumentValue;
        AwsFailure missing = new(AwsFailureKind.NotFound, "s3:HeadBucket", request.BucketName, "NoSuchBucket", "The bucket does not exist yet.");
        return new LiveSnapshot
        {
            BucketRegion = Result<string, AwsFailure>.Fail(missing),
            Encryption = Result<BucketEncryption?, AwsFailure>.Fail(missing),
            Versioning = Result<string?, AwsFailure>.Fail(missing),
            ObjectOwnership = Result<string?, AwsFailure>.Fail(missing),
            PublicAccess = Result<PublicAccessBlock?, AwsFailure>.Fail(missing),
            PrefixExists = Result<bool, AwsFailure>.Ok(false),
            Key = Result<KmsKeyDescription, AwsFailure>.Ok(new KmsKeyDescription(keyArn, keyArn, request.AwsRegion, Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null)),
            KeyPolicy = Result<string, AwsFailure>.Ok(DefaultKeyPolicy),
        };
    }

    /// <summary>
    /// Step 2's facts in an empty account: the user and the policy named after the bucket do not exist; a policy ARN
    /// given in step 2 exists with a document other than the spec's and room for a version.
    /// </summary>
    public static IamPlanFacts IamFacts(string userName, string bucket, string? policyArn)
    {
        AwsFailure noUser = new(AwsFailureKind.NotFound, "iam:GetUser", userName, "NoSuchEntity", "The user does not exist yet.");
        if (policyArn is null)
        {
            AwsFailure noPolicy = new(AwsFailureKind.NotFound, "iam:GetPolicy", null, "NoSuchEntity", "The policy does not exist yet.");
            return new IamPlanFacts(userName, Result<IamUser, AwsFailure>.Fail(noUser), SetupNames.PolicyName(bucket), CliArn.CreatedPolicy.DocumentValue,
                Result<ManagedPolicyVersion, AwsFailure>.Fail(noPolicy), null, null);
        }

        return new IamPlanFacts(userName, Result<IamUser, AwsFailure>.Fail(noUser), policyArn[(policyArn.LastIndexOf('/') + 1)..], policyArn,
            Result<ManagedPolicyVersion, AwsFailure>.Ok(new ManagedPolicyVersion(policyArn, "v1", "{}")),
            Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>.Ok([]), null);
    }

    /// <summary>KMS's default key policy for a key created without one: the account root may do everything.</summary>
    public static string DefaultKeyPolicy { get; } =
        $$"""{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"}]}""";
}
