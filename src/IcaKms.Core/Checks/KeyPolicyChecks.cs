using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>The key policy: it must let IAM grant ICA's user the key (or name the user), and hold the cross-account statement.</summary>
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

    private enum PrincipalMatch
    {
        None,
        Anyone,
        Account,
        Exact,
    }

    public static SetupCheck CheckIam(CheckContext context)
    {
        if (PolicyNotChecked(Iam, context, out IReadOnlyList<KeyPolicyStatement> statements) is SetupCheck notChecked)
        {
            return notChecked;
        }

        if (context.Account is not string account || context.RootArn is not string root)
        {
            return Iam.NotChecked("The key's account is not known, so the key policy's principals cannot be compared.", "Enter the key ARN in step 1, then inspect again.");
        }

        string? user = context.Request.IamUserName;
        string userPrefix = ArnParts.IamUser(context.Partition!, account, string.Empty);
        bool IsRoot(string p) => p == account || string.Equals(p, root, StringComparison.Ordinal);
        bool IsUser(string p) => user is not null && p.StartsWith(userPrefix, StringComparison.Ordinal)
            && (p.EndsWith("/" + user, StringComparison.OrdinalIgnoreCase) || string.Equals(p, userPrefix + user, StringComparison.OrdinalIgnoreCase));

        IReadOnlyList<string> needed = IcaIamPolicy.KmsActions;
        List<string> denied = [.. needed.Where(a => statements.Any(s =>
            !s.IsAllow && !s.HasCondition && (s.AnyPrincipal || s.AwsPrincipals.Any(p => IsRoot(p) || IsUser(p))) && s.Covers(a)))];
        List<KeyPolicyStatement> rootGrants = [.. statements.Where(s => s.IsAllow && s.AwsPrincipals.Any(IsRoot))];
        List<KeyPolicyStatement> userGrants = [.. statements.Where(s => s.IsAllow && s.AwsPrincipals.Any(IsUser))];
        List<KeyPolicyStatement> anyoneGrants = [.. statements.Where(s => s.IsAllow && s.AnyPrincipal)];
        List<string> missing = [.. needed.Where(a => !rootGrants.Concat(userGrants).Any(s => s.Covers(a)))];

        string userArn = user is null ? "ICA's IAM user" : userPrefix + user;
        string fix = $"Add the default statement {{\"Sid\": \"Enable IAM User Permissions\", \"Effect\": \"Allow\", \"Principal\": {{\"AWS\": \"{root}\"}}, \"Action\": \"kms:*\", \"Resource\": \"*\"}} " +
            $"so IAM policies decide, or a statement naming {userArn} with {MessageList.Join(needed)}; keep every other statement.";
        if (denied.Count > 0)
        {
            return Iam.Fail($"The key policy denies {MessageList.Join(denied)} to the account or ICA's user, whatever the IAM policy says.", "Remove or narrow that Deny statement.");
        }

        if (missing.Count == 0)
        {
            return needed.All(a => rootGrants.Any(s => s.Covers(a)))
                ? Iam.Pass($"The key policy lets IAM policies grant the key: statement {rootGrants.First(s => needed.Any(s.Covers)).Label} allows the account root {root}.")
                : Iam.Pass($"The key policy names {userArn} with the KMS actions ICA needs.");
        }

        if (missing.All(a => anyoneGrants.Any(s => s.Covers(a))))
        {
            return Iam.Warn(
                $"The key policy allows {MessageList.Join(missing)} only through a statement for any principal (\"*\"): check its conditions let ICA's user in.",
                fix);
        }

        return rootGrants.Count == 0 && userGrants.Count == 0
            ? Iam.Fail(
                $"The key policy neither lets IAM policies grant the key (no statement for {root}) nor names {userArn}: the IAM policy's KMS actions grant nothing.",
                fix)
            : Iam.Fail($"The key policy does not allow {MessageList.Join(missing)} to the account root or ICA's user.", fix);
    }

    public static SetupCheck CheckCrossAccount(CheckContext context)
    {
        if (context.Request.CrossAccountRoleArn is not string roleArn)
        {
            return CrossAccount.NotChecked(
                $"The cross-account role ARN is not valid: {context.Request.CrossAccountRoleError ?? "no role ARN given."}",
                "Fix the role ARN in step 4, then inspect again.");
        }

        if (PolicyNotChecked(CrossAccount, context, out IReadOnlyList<KeyPolicyStatement> statements) is SetupCheck notChecked)
        {
            return notChecked;
        }

        string roleAccount = ArnParts.Parse(roleArn)!.Account;
        string fix = $"Add the spec's '{CrossAccountKeyStatement.Sid}' statement for {roleArn} in step 4 (it merges it, keeping every other statement).";
        List<KeyPolicyStatement> allows = [.. statements.Where(s => s.IsAllow)];
        List<KeyPolicyStatement> exact = [.. allows.Where(s => Match(s, roleArn, roleAccount) == PrincipalMatch.Exact)];
        List<string> missingExact = MissingTerms(exact);
        if (missingExact.Count == 0)
        {
            return CrossAccount.Pass($"Statement {exact.First().Label} allows {roleArn} the spec's cross-account actions.");
        }

        List<KeyPolicyStatement> broader = [.. allows.Where(s => Match(s, roleArn, roleAccount) != PrincipalMatch.None)];
        if (MissingTerms(broader).Count == 0)
        {
            string whom = broader.Any(s => Match(s, roleArn, roleAccount) == PrincipalMatch.Account) ? $"the whole account {roleAccount}" : "any principal (\"*\")";
            return CrossAccount.Warn($"The key policy allows ICA's role only through a statement for {whom}, not the role itself.", fix);
        }

        KeyPolicyStatement? bySid = statements.FirstOrDefault(s => string.Equals(s.Sid, CrossAccountKeyStatement.Sid, StringComparison.Ordinal));
        if (bySid is not null && Match(bySid, roleArn, roleAccount) != PrincipalMatch.Exact)
        {
            string named = bySid.AwsPrincipals.Count == 0 ? "no AWS principal" : MessageList.Join(bySid.AwsPrincipals);
            return CrossAccount.Fail(
                $"The statement '{CrossAccountKeyStatement.Sid}' names {named}, not ICA's role {roleArn}.",
                $"Set its Principal to {{\"AWS\": \"{roleArn}\"}} (step 4 merges the statement for you).");
        }

        return exact.Count > 0
            ? CrossAccount.Fail($"The key policy allows {roleArn} only part of the spec's actions: {MessageList.Join(missingExact)} missing.", fix)
            : CrossAccount.Fail($"The key policy has no statement for ICA's role {roleArn}: cross-account copy cannot use the key.", fix);
    }

    private static List<string> MissingTerms(List<KeyPolicyStatement> statements) =>
        [.. CrossAccountActions.Where(t => !t.Actions.All(a => statements.Any(s => s.Covers(a)))).Select(t => t.Term)];

    private static PrincipalMatch Match(KeyPolicyStatement statement, string roleArn, string roleAccount)
    {
        if (statement.AwsPrincipals.Any(p => string.Equals(p, roleArn, StringComparison.OrdinalIgnoreCase)))
        {
            return PrincipalMatch.Exact;
        }

        if (statement.AwsPrincipals.Any(p => p == roleAccount || (p.StartsWith("arn:", StringComparison.Ordinal) && p.EndsWith($":iam::{roleAccount}:root", StringComparison.Ordinal))))
        {
            return PrincipalMatch.Account;
        }

        return statement.AnyPrincipal ? PrincipalMatch.Anyone : PrincipalMatch.None;
    }

    /// <summary>The shared "cannot say" answers: the key was not described, GetKeyPolicy failed, or its text is not a policy.</summary>
    private static SetupCheck? PolicyNotChecked(CheckDefinition check, CheckContext context, out IReadOnlyList<KeyPolicyStatement> statements)
    {
        statements = [];

        // The key policy is read with the ARN DescribeKey returned: without it, say what the key checks say.
        if (KeyChecks.KeyNotChecked(check, context) is SetupCheck keyNotChecked)
        {
            return keyNotChecked;
        }

        AwsResult<string> result = context.Snapshot.KeyPolicy;
        if (result.Failure is AwsFailure failure)
        {
            return check.NotChecked(failure);
        }

        IReadOnlyList<KeyPolicyStatement>? read = KeyPolicyReader.Read(result.Value, out string? problem);
        if (read is null)
        {
            return check.NotChecked(problem!, "Open the key policy in the KMS console and check it is valid JSON.");
        }

        statements = read;
        return null;
    }
}
