using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>The IAM side: which policy variant the bucket's versioning needs, and whether the live policies grant it.</summary>
internal static class PolicyChecks
{
    public static CheckDefinition Versioning { get; } = new(LiveCheckIds.BucketVersioning, WizardStep.IamPolicy, "Policy variant matches the bucket's versioning");
    public static CheckDefinition Policy { get; } = new(LiveCheckIds.IamPolicy, WizardStep.IamPolicy, "IAM policies grant what ICA needs");

    public static SetupCheck CheckVersioning(CheckContext context)
    {
        Result<string?, AwsFailure> result = context.Snapshot.Versioning;
        if (BucketChecks.BucketNotChecked(Versioning, context, result.Failure) is SetupCheck notChecked)
        {
            return notChecked;
        }

        string? status = result.Value;
        PolicyVariant needed = IcaIamPolicy.VariantFor(status);
        string finding = needed == PolicyVariant.Unversioned
            ? "Versioning was never enabled on the bucket, so ICA needs the unversioned policy."
            : string.Equals(status, "Suspended", StringComparison.OrdinalIgnoreCase)
                ? "The bucket's versioning is Suspended, so ICA needs the versioned policy: a bucket once versioned keeps its versions and never returns to unversioned."
                : $"The bucket's versioning is {status}, so ICA needs the versioned policy.";
        return needed == context.Request.Variant
            ? Versioning.Pass($"{finding} You chose it.")
            : Versioning.Fail($"{finding} You chose the {Name(context.Request.Variant)} one.", $"Choose the {Name(needed)} policy in step 2.");
    }

    public static SetupCheck CheckPolicy(CheckContext context)
    {
        string? user = context.Request.IamUserName;
        string? policyArn = context.Request.PolicyArn;
        if (context.Snapshot.IamPolicies is not Result<IReadOnlyList<IdentityPolicy>, AwsFailure> result)
        {
            return Policy.NotChecked(
                "No IAM user or policy ARN given, so the policies ICA's credentials carry are not read.",
                "Enter the IAM user whose access key ICA holds (or the policy ARN), then inspect again.");
        }

        if (result.Failure is AwsFailure failure)
        {
            // A refused read (e.g. iam:ListGroupsForUser) leaves part of the permissions unknown: not checked, never failed.
            return failure.Kind == AwsFailureKind.NotFound
                ? Policy.Fail(failure.Message, "Check the IAM user name and the policy ARN, then inspect again.")
                : Policy.NotChecked(failure);
        }

        if (context.Bucket is not string bucket || context.KeyArn is not string keyArn || context.Account is not string account || context.Partition is not string partition)
        {
            return Policy.NotChecked(
                "The bucket name or the key ARN is not known, so the policies' resources cannot be compared.",
                "Enter a valid bucket name and key ARN in step 1, then inspect again.");
        }

        string variant = Name(context.Request.Variant);
        IReadOnlyList<IdentityPolicy> policies = result.Value ?? [];
        if (policies.Count == 0)
        {
            return Policy.Fail(
                $"The IAM user {user} has no policies at all: none attached, no inline policy, and no group that gives one.",
                $"Attach the wizard's {variant} policy (step 2) to {user}.");
        }

        (List<EvaluablePolicy> read, List<string> unreadable) = LivePolicies.Identity(policies, user);
        IReadOnlyList<IcaRequirements.Requirement> required = IcaRequirements.All(
            context.Request.Variant, partition, account, bucket, context.Request.Prefix, keyArn);
        IReadOnlyList<Judged> judged = [.. required.Select(r => Judge(context, r, read, partition, account, keyArn))];
        List<IcaRequirements.Requirement> missing = [.. judged.Where(j => j.Standing == Standing.Missing).Select(j => j.Requirement)];
        List<Judged> denied = [.. judged.Where(j => j.Standing == Standing.Denied)];
        List<Judged> open = [.. judged.Where(j => j.Standing == Standing.Depends)];
        var grantedBy = judged.Where(j => j.Standing == Standing.Allowed)
            .Select(j => (j.Requirement, Policy: j.Decision.Deciding.Count == 0 ? "?" : j.Decision.Deciding[0].Policy))
            .ToList();

        string who = Who(user, policies);
        bool plural = policies.Count != 1;
        string unreadableNote = unreadable.Count == 0 ? string.Empty : $" {Capitalize(MessageList.Join(unreadable))}.";
        string grantNote = grantedBy.Select(g => g.Policy).Distinct(StringComparer.Ordinal).Count() > 1 ? $" Granted by: {DescribeGrants(grantedBy, required)}." : string.Empty;
        if (missing.Count == 0 && denied.Count == 0 && open.Count == 0)
        {
            return Policy.Pass($"{Capitalize(who)} {(plural ? "allow" : "allows")} every action of the spec's {variant} policy on your bucket, its objects and your key.{grantNote}{unreadableNote}");
        }

        string deniedNote = denied.Count == 0 ? string.Empty
            : $" Denied by a Deny statement: {Describe([.. denied.Select(d => d.Requirement)])} ({MessageList.Join([.. denied.Select(d => d.Decision.DecidedBy).Distinct(StringComparer.Ordinal)])}).";
        string missingNote = missing.Count == 0 ? string.Empty : $" Not allowed: {Describe(missing)}.";
        string fix = user is null
            ? $"Make the policy's default version the {variant} policy of step 2 (create a new version)."
            : $"Attach the wizard's {variant} policy (step 2) to {user}, or add what is missing{(denied.Count == 0 ? string.Empty : " and remove the Deny")}.";
        if (missing.Count == 0 && denied.Count == 0)
        {
            string conditions = MessageList.Join([.. open.Select(o => o.Decision.DependsOn).Distinct(StringComparer.Ordinal)]);
            return Policy.Warn(
                $"{Capitalize(who)} {(plural ? "allow" : "allows")} {Describe([.. open.Select(o => o.Requirement)])} only under conditions whose values for ICA's requests are not known here: depends on {conditions}.{unreadableNote}",
                "Check that ICA's requests meet those conditions (ICA calls from Illumina's network, not your VPC or IP ranges), or drop the condition for ICA's user.");
        }

        string openNote = open.Count == 0 ? string.Empty : $" Depends on conditions: {Describe([.. open.Select(o => o.Requirement)])}.";
        return Policy.Fail($"{Capitalize(who)} {(plural ? "do" : "does")} not grant everything ICA needs.{missingNote}{deniedNote}{openNote}{grantNote}{unreadableNote}", fix);
    }

    /// <summary>
    /// One requirement by the identity policies (the evaluator with only them), except that a KMS action the key policy
    /// gives ICA's user directly, or a grant gives it, needs no identity Allow (KMS Developer Guide, "key policies", "grants").
    /// </summary>
    private static Judged Judge(CheckContext context, IcaRequirements.Requirement requirement, List<EvaluablePolicy> identity, string partition, string account, string keyArn)
    {
        RequestPrincipal principal = IcaRequests.User(partition, account, context.Request.IamUserName);
        RequestContext requestContext = IcaRequests.Context(principal, principal.Arn, requirement.Action, context.Request.AwsRegion, account, keyArn);
        var request = new AccessRequest(principal, requirement.Action, requirement.Target.Probe, requestContext);
        AccessDecision byIdentity = AccessEvaluator.Evaluate(request, new AccessPolicies { Kind = ResourceKind.Other, ResourceAccount = account, Identity = identity });
        switch (byIdentity.Verdict)
        {
            case AccessVerdict.ExplicitDeny:
                return new Judged(requirement, Standing.Denied, byIdentity);
            case AccessVerdict.Allowed:
                return new Judged(requirement, Standing.Allowed, byIdentity);
        }

        if (requirement.IsKms && context.Snapshot.KeyPolicy.Value is string keyPolicyJson && LivePolicies.KeyPolicy(keyPolicyJson, out _) is EvaluablePolicy keyPolicy)
        {
            AccessDecision withoutIdentity = AccessEvaluator.Evaluate(request, new AccessPolicies
            {
                Kind = ResourceKind.KmsKey,
                ResourceAccount = account,
                Identity = [],
                Resource = keyPolicy,
                Grants = LivePolicies.Grants(context.Snapshot.Grants.Value),
            });
            if (withoutIdentity.IsAllowed)
            {
                return new Judged(requirement, Standing.Allowed, withoutIdentity);
            }
        }

        return new Judged(requirement, byIdentity.Verdict == AccessVerdict.DependsOn ? Standing.Depends : Standing.Missing, byIdentity);
    }

    /// <summary>"kms:Encrypt, kms:Decrypt on the key …; s3:ListBucketVersions on the bucket …", grouped by resource.</summary>
    private static string Describe(List<IcaRequirements.Requirement> requirements) =>
        string.Join("; ", requirements
            .GroupBy(r => r.Target.Label, StringComparer.Ordinal)
            .Select(g => $"{MessageList.Join([.. g.Select(r => r.Action)])} on {g.Key}"));

    /// <summary>
    /// "the kms: actions via managed policy IcaKmsAccess of group ica-admins; s3:GetObject, s3:PutObject via inline policy
    /// x of user y": grouped by the policy that grants them, a service named once when that policy grants all of its actions.
    /// </summary>
    private static string DescribeGrants(List<(IcaRequirements.Requirement Requirement, string Policy)> grantedBy, IReadOnlyList<IcaRequirements.Requirement> required) =>
        string.Join("; ", grantedBy
            .GroupBy(g => g.Policy, StringComparer.Ordinal)
            .Select(byPolicy =>
            {
                var whole = new List<string>();
                var parts = new List<string>();
                foreach (IGrouping<string, string> service in byPolicy.Select(g => g.Requirement.Action).Distinct(StringComparer.Ordinal).GroupBy(ServiceOf, StringComparer.Ordinal))
                {
                    int needed = required.Select(r => r.Action).Distinct(StringComparer.Ordinal).Count(a => ServiceOf(a) == service.Key);
                    if (service.Count() == needed)
                    {
                        whole.Add($"{service.Key}:");
                    }
                    else
                    {
                        parts.AddRange(service);
                    }
                }

                if (whole.Count > 0)
                {
                    parts.Insert(0, $"the {string.Join(" and ", whole)} actions");
                }

                return $"{MessageList.Join(parts)} via {byPolicy.Key}";
            }));

    private static string ServiceOf(string action) => action[..Math.Max(0, action.IndexOf(':', StringComparison.Ordinal))];

    private static string Who(string? user, IReadOnlyList<IdentityPolicy> policies)
    {
        if (policies.Count == 1)
        {
            return policies[0].Describe(user);
        }

        bool given = policies.Any(p => p.Source == IdentityPolicySource.Given);
        if (user is null)
        {
            return $"the {policies.Count} policies";
        }

        return policies.All(p => p.Source == IdentityPolicySource.AttachedToUser)
            ? $"the {policies.Count} managed policies attached to {user}"
            : $"the {policies.Count} policies of {user}{(given ? " and the given policy" : string.Empty)} (attached, inline and through groups)";
    }

    private static string Name(PolicyVariant variant) => variant == PolicyVariant.Versioned ? "versioned" : "unversioned";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private enum Standing
    {
        Allowed,
        Denied,
        Missing,
        Depends,
    }

    private sealed record Judged(IcaRequirements.Requirement Requirement, Standing Standing, AccessDecision Decision);
}
