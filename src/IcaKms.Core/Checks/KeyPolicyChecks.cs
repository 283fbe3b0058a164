using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;
using IcaKms.Core.KeyPolicies;

namespace IcaKms.Core.Checks;

/// <summary>
/// The key policy and the key's grants, judged by the evaluator: they must let ICA's IAM user use the key (directly, by
/// delegating to the account so IAM policies decide, or through a grant) and, for cross-account copy, ICA's role; any
/// Deny that applies, including one through <c>NotPrincipal</c>, fails. The principals' own IAM policies are judged
/// elsewhere (iam-policy-live) or are Illumina's (the role), so here they are assumed to allow.
/// </summary>
internal static class KeyPolicyChecks
{
    public static CheckDefinition Iam { get; } = new(LiveCheckIds.KeyPolicyIam, WizardStep.IamPolicy, "Key policy lets ICA's IAM user use the key");
    public static CheckDefinition CrossAccount { get; } = new(LiveCheckIds.KeyPolicyCrossAccount, WizardStep.CrossAccount, "Key policy allows ICA's cross-account role");

    /// <summary>The spec's cross-account actions and the concrete actions each stands for (a wildcard is covered when all of them are).</summary>
    private static readonly (string Term, string[] Actions)[] CrossAccountActions =
    [
        ("kms:Encrypt", ["kms:Encrypt"]),
        ("kms:Decrypt", ["kms:Decrypt"]),
        ("kms:ReEncrypt*", ["kms:ReEncryptFrom", "kms:ReEncryptTo"]),
        ("kms:GenerateDataKey*", ["kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"]),
        ("kms:DescribeKey", ["kms:DescribeKey"]),
    ];

    public static SetupCheck CheckIam(CheckContext context)
    {
        (EvaluablePolicy? read, IReadOnlyList<KeyGrant> grants, SetupCheck? notChecked) = Read(Iam, context);
        if (read is not EvaluablePolicy keyPolicy)
        {
            return notChecked!;
        }

        if (context.Account is not string account || context.RootArn is not string root)
        {
            return Iam.NotChecked("The key's account is not known, so the key policy's principals cannot be compared.", "Enter the key ARN in step 1, then inspect again.");
        }

        string? user = context.Request.IamUserName;
        RequestPrincipal principal = IcaRequests.User(context.Partition!, account, user);
        string userArn = user is null ? "ICA's IAM user" : principal.Arn;
        IReadOnlyList<string> needed = IcaIamPolicy.KmsActions;
        List<(string Action, AccessDecision Decision)> decisions =
            [.. needed.Select(a => (a, Decide(context, principal, principal.Arn, a, keyPolicy, grants, "ICA's user's IAM policies (judged by iam-policy-live)")))];

        string fix = $"Add the default statement {{\"Sid\": \"Enable IAM User Permissions\", \"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{root}\"}}, \"Action\": \"kms:*\", \"Resource\": \"*\"}} " +
            $"so IAM policies decide, or a statement naming {userArn} with {MessageList.Join(needed)}; keep every other statement.";
        if (Denied(decisions) is string deniedBy)
        {
            return Iam.Fail(
                $"{Capitalize(deniedBy)} denies {MessageList.Join(Actions(decisions, AccessVerdict.ExplicitDeny))} to {userArn}, whatever the IAM policy says.",
                "Remove or narrow that Deny statement (for a NotPrincipal, list ICA's user and its account), keeping every other statement.");
        }

        List<string> missing = Actions(decisions, AccessVerdict.ImplicitDeny);
        if (missing.Count > 0)
        {
            bool delegates = keyPolicy.Statements.Any(s => s.IsAllow && s.Principal is { IsNot: false } p && PrincipalMatcher.Match(p, principal) != PrincipalMatch.None);
            return delegates
                ? Iam.Fail($"The key policy does not allow {MessageList.Join(missing)} to the account root or ICA's user, and no grant does.", fix)
                : Iam.Fail(
                    $"The key policy neither lets IAM policies grant the key (no statement for {root}) nor names {userArn}, and no grant gives it: the IAM policy's KMS actions grant nothing.",
                    fix);
        }

        if (decisions.Where(d => d.Decision.Verdict == AccessVerdict.DependsOn).ToList() is { Count: > 0 } open)
        {
            return Iam.Warn(
                $"Whether the key policy lets ICA's user {MessageList.Join([.. open.Select(o => o.Action)])} {LivePolicies.DependsOn(open[0].Decision)}.",
                "Check that ICA's requests meet that condition, or give ICA's user (or the account root) a statement without it.");
        }

        return Iam.Pass(Why(decisions, root, userArn));
    }

    public static SetupCheck CheckCrossAccount(CheckContext context)
    {
        if (context.Request.CrossAccountRoleArn is not string roleArn || IcaRequests.RoleSession(roleArn) is not RequestPrincipal session)
        {
            return CrossAccount.NotChecked(
                $"The cross-account role ARN is not valid: {context.Request.CrossAccountRoleError ?? "no role ARN given."}",
                "Fix the role ARN in step 4, then inspect again.");
        }

        (EvaluablePolicy? read, IReadOnlyList<KeyGrant> grants, SetupCheck? notChecked) = Read(CrossAccount, context);
        if (read is not EvaluablePolicy keyPolicy)
        {
            return notChecked!;
        }

        string roleAccount = session.Account;
        string fix = $"Add the spec's '{CrossAccountKeyStatement.Sid}' statement for {roleArn} in step 4 (it merges it, keeping every other statement).";
        List<(string Term, string Action, AccessDecision Decision)> decisions = [.. CrossAccountActions
            .SelectMany(t => t.Actions.Select(a => (t.Term, a, Decide(context, session, roleArn, a, keyPolicy, grants, $"ICA's role's own policies in account {roleAccount}"))))];
        List<(string Action, AccessDecision Decision)> flat = [.. decisions.Select(d => (d.Action, d.Decision))];
        if (Denied(flat) is string deniedBy)
        {
            return CrossAccount.Fail(
                $"{Capitalize(deniedBy)} denies {MessageList.Join(Actions(flat, AccessVerdict.ExplicitDeny))} to ICA's role {roleArn}: cross-account copy cannot use the key.",
                $"Remove or narrow that Deny statement (for a NotPrincipal, a role's sessions escape only when the session ARN is listed too: use a Condition on aws:PrincipalArn instead), keeping every other statement.");
        }

        List<string> missingTerms = [.. decisions.Where(d => d.Decision.Verdict == AccessVerdict.ImplicitDeny).Select(d => d.Term).Distinct(StringComparer.Ordinal)];
        if (missingTerms.Count > 0)
        {
            EvaluableStatement? bySid = keyPolicy.Statements.FirstOrDefault(s => string.Equals(s.Sid, CrossAccountKeyStatement.Sid, StringComparison.Ordinal));
            if (bySid is not null && !NamesRole(bySid, roleArn))
            {
                IReadOnlyList<string> aws = bySid.Principal?.Of("AWS") ?? [];
                string named = aws.Count == 0 ? "no AWS principal" : MessageList.Join(aws);
                return CrossAccount.Fail(
                    $"The statement '{CrossAccountKeyStatement.Sid}' names {named}, not ICA's role {roleArn}.",
                    $"Set its Principal to {{\"AWS\": \"{roleArn}\"}} (step 4 merges the statement for you).");
            }

            return keyPolicy.Statements.Any(s => s.IsAllow && NamesRole(s, roleArn))
                ? CrossAccount.Fail($"The key policy allows {roleArn} only part of the spec's actions: {MessageList.Join(missingTerms)} missing.", fix)
                : CrossAccount.Fail($"The key policy has no statement for ICA's role {roleArn}: cross-account copy cannot use the key.", fix);
        }

        if (flat.Where(d => d.Decision.Verdict == AccessVerdict.DependsOn).ToList() is { Count: > 0 } open)
        {
            return CrossAccount.Warn(
                $"Whether the key policy lets ICA's role {roleArn} use the key {LivePolicies.DependsOn(open[0].Decision)}.",
                "Check that ICA's cross-account requests meet that condition, or give the role the spec's statement without it.");
        }

        // Allowed: say how, and warn when it is only through a statement for a whole account or for anyone.
        List<StatementRef> deciding = [.. flat.SelectMany(d => d.Decision.Deciding).Distinct()];
        if (deciding.Any(d => d.Statement == AssumedMark))
        {
            return CrossAccount.Warn($"The key policy allows ICA's role only through a statement for the whole account {roleAccount}, not the role itself.", fix);
        }

        if (deciding.Select(d => LivePolicies.Find(keyPolicy, d)).Any(s => s?.Principal is { IsEveryone: true } or { IsNot: true }))
        {
            return CrossAccount.Warn("The key policy allows ICA's role only through a statement for any principal (\"*\"), not the role itself.", fix);
        }

        return CrossAccount.Pass($"{Capitalize(MessageList.Join([.. deciding.Select(d => d.ToString())]))} {(deciding.Count == 1 ? "allows" : "allow")} {roleArn} the spec's cross-account actions.");
    }

    /// <summary>How the evaluator marks an identity Allow it was told to assume.</summary>
    private const string AssumedMark = "(assumed to allow)";

    private static AccessDecision Decide(
        CheckContext context, RequestPrincipal principal, string principalArn, string action, EvaluablePolicy keyPolicy, IReadOnlyList<KeyGrant> grants, string assumed)
    {
        RequestContext requestContext = IcaRequests.Context(principal, principalArn, action, context.Request.AwsRegion, context.Account, null);
        return AccessEvaluator.Evaluate(
            new AccessRequest(principal, action, context.KeyArn!, requestContext),
            new AccessPolicies { Kind = ResourceKind.KmsKey, ResourceAccount = context.Account!, Resource = keyPolicy, Grants = grants, AssumedIdentity = assumed });
    }

    private static string Why(List<(string Action, AccessDecision Decision)> decisions, string root, string userArn)
    {
        List<StatementRef> deciding = [.. decisions.SelectMany(d => d.Decision.Deciding).Where(d => d.Statement != AssumedMark).Distinct()];
        bool delegated = decisions.Any(d => d.Decision.Deciding.Any(r => r.Statement == AssumedMark));
        string via = MessageList.Join([.. deciding.Select(d => d.ToString())]);
        return delegated
            ? $"{Capitalize(via)} allows the account root {root}: the key policy lets IAM policies grant the key, so ICA's user gets it through its IAM policy."
            : $"{Capitalize(via)} names {userArn} (or gives it a grant): ICA's user may use the key.";
    }

    private static string? Denied(List<(string Action, AccessDecision Decision)> decisions) =>
        decisions.FirstOrDefault(d => d.Decision.Verdict == AccessVerdict.ExplicitDeny).Decision?.DecidedBy;

    private static List<string> Actions(List<(string Action, AccessDecision Decision)> decisions, AccessVerdict verdict) =>
        [.. decisions.Where(d => d.Decision.Verdict == verdict).Select(d => d.Action).Distinct(StringComparer.Ordinal)];

    private static bool NamesRole(EvaluableStatement statement, string roleArn) =>
        statement.Principal is { IsNot: false } p && p.Of("AWS").Contains(roleArn, StringComparer.OrdinalIgnoreCase);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// The key policy and grants, or the shared "cannot say" answer: the key was not described, GetKeyPolicy or ListGrants
    /// failed, or the policy's text is not a policy. A refused ListGrants is "not checked" naming kms:ListGrants: grants can
    /// give access no policy shows, so a verdict without them could be wrong.
    /// </summary>
    private static (EvaluablePolicy? Policy, IReadOnlyList<KeyGrant> Grants, SetupCheck? NotChecked) Read(CheckDefinition check, CheckContext context)
    {
        // The key policy is read with the ARN DescribeKey returned: without it, say what the key checks say.
        if (KeyChecks.KeyNotChecked(check, context) is SetupCheck keyNotChecked)
        {
            return (null, [], keyNotChecked);
        }

        if (context.Snapshot.KeyPolicy.Failure is AwsFailure failure)
        {
            return (null, [], check.NotChecked(failure));
        }

        if (LivePolicies.KeyPolicy(context.Snapshot.KeyPolicy.Value, out string? problem) is not EvaluablePolicy policy)
        {
            return (null, [], check.NotChecked(problem!.Replace("The policy", "The key policy", StringComparison.Ordinal), "Open the key policy in the KMS console and check it is valid JSON."));
        }

        if (context.Snapshot.Grants.Failure is AwsFailure grantsFailure)
        {
            return (null, [], check.NotChecked($"The key's grants were not read, and a grant can give access the key policy does not: {grantsFailure.Message}", CheckDefinition.FixFor(grantsFailure)));
        }

        return (policy, LivePolicies.Grants(context.Snapshot.Grants.Value), null);
    }
}
