using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>
/// The bucket policy, judged by the evaluator for each S3 action ICA's user needs: a Deny that applies (to the user, to
/// everyone, to requests without TLS or without the SSE-KMS header) fails; a condition whose value for ICA's requests is
/// not known here warns. ICA's user's own IAM policies are judged by iam-policy-live, so here they are assumed to allow.
/// </summary>
internal static class BucketPolicyChecks
{
    public static CheckDefinition Policy { get; } = new(LiveCheckIds.BucketPolicy, WizardStep.Bucket, "Bucket policy lets ICA's user in");

    public static SetupCheck CheckPolicy(CheckContext context)
    {
        Result<string?, AwsFailure> result = context.Snapshot.BucketPolicy;
        if (BucketChecks.BucketNotChecked(Policy, context, result.Failure) is SetupCheck notChecked)
        {
            return notChecked;
        }

        if (result.Value is not string json)
        {
            return Policy.Pass("The bucket has no bucket policy: only IAM policies (and the key policy) decide ICA's access.");
        }

        if (LivePolicies.BucketPolicy(json, out string? problem) is not EvaluablePolicy bucketPolicy)
        {
            return Policy.NotChecked(problem!.Replace("The policy", "The bucket policy", StringComparison.Ordinal), "Open the bucket policy in the S3 console (Permissions) and check it.");
        }

        if (context.Bucket is not string bucket || context.Account is not string account || context.Partition is not string partition)
        {
            return Policy.NotChecked("The key's account is not known, so ICA's user's ARN cannot be compared with the bucket policy's principals.", "Enter the key ARN in step 1, then inspect again.");
        }

        RequestPrincipal user = IcaRequests.User(partition, account, context.Request.IamUserName);
        string userName = context.Request.IamUserName is null ? "ICA's IAM user" : user.Arn;
        string keyArn = context.KeyArn ?? string.Empty;
        List<(IcaRequirements.Requirement Requirement, AccessDecision Decision)> decisions = [.. IcaRequirements
            .All(context.Request.Variant, partition, account, bucket, context.Request.Prefix, keyArn)
            .Where(r => r.IsS3)
            .Select(r => (r, Decide(context, user, r.Action, r.Target.Probe, bucketPolicy, account, keyArn)))];

        var denied = decisions.Where(d => d.Decision.Verdict == AccessVerdict.ExplicitDeny).ToList();
        if (denied.Count > 0)
        {
            return Policy.Fail(
                $"{Capitalize(denied[0].Decision.DecidedBy)} denies {MessageList.Join([.. denied.Select(d => d.Requirement.Action)])} to {userName}: ICA cannot use the bucket.",
                "Remove or narrow that Deny statement for ICA's user (a NotPrincipal must list the user and its account), keeping every other statement.");
        }

        string unencrypted = UnencryptedWriteNote(context, user, bucketPolicy, account, decisions);
        var open = decisions.Where(d => d.Decision.Verdict == AccessVerdict.DependsOn).ToList();
        if (open.Count > 0)
        {
            return Policy.Warn(
                $"Whether the bucket policy lets ICA's user {MessageList.Join([.. open.Select(o => o.Requirement.Action)])} {LivePolicies.DependsOn(open[0].Decision)}.{unencrypted}",
                "Check that ICA's requests meet that condition (ICA connects from Illumina's network, not your VPC endpoints or IP ranges), or exempt ICA's user from it.");
        }

        return Policy.Pass($"The bucket policy denies ICA's user none of the S3 actions it needs.{unencrypted}");
    }

    /// <summary>
    /// What the policy says to a write without encryption headers (IcaKms's verification write sends none): when only the
    /// header-less write is refused, name the statement; ICA itself sends the SSE-KMS headers of its storage configuration.
    /// </summary>
    private static string UnencryptedWriteNote(
        CheckContext context, RequestPrincipal user, EvaluablePolicy bucketPolicy, string account, List<(IcaRequirements.Requirement Requirement, AccessDecision Decision)> decisions)
    {
        if (decisions.FirstOrDefault(d => d.Requirement.Action == "s3:PutObject") is not { Requirement: not null } put || !put.Decision.IsAllowed)
        {
            return string.Empty;
        }

        AccessDecision plain = Decide(context, user, "s3:PutObject", put.Requirement.Target.Probe, bucketPolicy, account, null);
        return plain.Verdict == AccessVerdict.ExplicitDeny
            ? $" {Capitalize(plain.DecidedBy)} refuses writes without the SSE-KMS header: ICA sends it (its storage configuration's Algorithm aws:kms and Key Name), and IcaKms's verification write then writes with the header and your key and confirms the key with HeadObject."
            : string.Empty;
    }

    private static AccessDecision Decide(CheckContext context, RequestPrincipal user, string action, string resource, EvaluablePolicy bucketPolicy, string account, string? sseKey)
    {
        RequestContext requestContext = IcaRequests.Context(user, user.Arn, action, context.Request.AwsRegion, account, sseKey);
        return AccessEvaluator.Evaluate(
            new AccessRequest(user, action, resource, requestContext),
            new AccessPolicies { Kind = ResourceKind.S3, ResourceAccount = account, Resource = bucketPolicy, AssumedIdentity = "ICA's user's IAM policies (judged by iam-policy-live)" });
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
