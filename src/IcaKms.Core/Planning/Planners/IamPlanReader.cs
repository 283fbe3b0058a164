using IcaKms.Core.Aws;
using IcaKms.Core.Validation;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning;

/// <summary>Reads the <see cref="IamPlanFacts"/> of step 2: the user and the policy in parallel, then what depends on them.</summary>
public static class IamPlanReader
{
    /// <summary>Reads the facts about the user and the managed policy IcaKms would write.</summary>
    /// <param name="iam">The session's IAM gateway.</param>
    /// <param name="userName">ICA's IAM user.</param>
    /// <param name="policyArn">The managed policy given in step 2, or null to use the one named after the bucket.</param>
    /// <param name="bucketName">The bucket, which names the policy when none is given.</param>
    /// <param name="callerArn">The caller's ARN (STS), whose account and partition the IAM resources are in.</param>
    /// <param name="ct">Cancels the reads (Disconnect); then <see cref="OperationCanceledException"/> is thrown.</param>
    public static async Task<IamPlanFacts> ReadAsync(IIamGateway iam, string userName, string? policyArn, string bucketName, string callerArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(iam);
        ArnParts caller = ArnParts.Parse(callerArn) ?? throw new ArgumentException("The caller ARN is not an ARN.", nameof(callerArn));
        string name = policyArn is null ? SetupNames.PolicyName(bucketName) : policyArn[(policyArn.LastIndexOf('/') + 1)..];
        string arn = policyArn ?? new ArnParts(caller.Partition, "iam", string.Empty, caller.Account, "policy/" + name).ToString();

        Task<Result<IamUser, AwsFailure>> user = iam.GetUserAsync(userName, ct);
        Task<Result<ManagedPolicyVersion, AwsFailure>> policy = iam.GetPolicyDefaultVersionAsync(arn, ct);
        await Task.WhenAll(user, policy).ConfigureAwait(false);

        ct.ThrowIfCancellationRequested();
        Task<Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>>? versions = (await policy.ConfigureAwait(false)).Succeeded ? iam.ListPolicyVersionsAsync(arn, ct) : null;
        Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>>? attached = (await user.ConfigureAwait(false)).Succeeded ? iam.ListAttachedUserPoliciesAsync(userName, ct) : null;
        return new IamPlanFacts(
            userName,
            await user.ConfigureAwait(false),
            name,
            arn,
            await policy.ConfigureAwait(false),
            versions is null ? null : await versions.ConfigureAwait(false),
            attached is null ? null : await attached.ConfigureAwait(false));
    }
}
