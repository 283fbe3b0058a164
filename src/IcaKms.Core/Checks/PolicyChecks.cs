using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>The IAM side: which policy variant the bucket's versioning needs, and whether the live policies grant it.</summary>
internal static class PolicyChecks
{
    public static CheckDefinition Versioning { get; } = new(LiveCheckIds.BucketVersioning, WizardStep.IamPolicy, "Policy variant matches the bucket's versioning");
    public static CheckDefinition Policy { get; } = new(LiveCheckIds.IamPolicy, WizardStep.IamPolicy, "IAM policies grant what ICA needs");

    public static SetupCheck CheckVersioning(CheckContext context)
    {
        AwsResult<string?> result = context.Snapshot.Versioning;
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
        return needed == context.Inputs.Variant
            ? Versioning.Pass($"{finding} You chose it.")
            : Versioning.Fail($"{finding} You chose the {Name(context.Inputs.Variant)} one.", $"Choose the {Name(needed)} policy in step 2.");
    }

    public static SetupCheck CheckPolicy(CheckContext context)
    {
        string? user = NullIfBlank(context.Targets.IamUserName);
        string? policyArn = NullIfBlank(context.Targets.PolicyArn);
        if (context.Snapshot.IamPolicies is not AwsResult<IReadOnlyList<ManagedPolicyVersion>> result)
        {
            return Policy.NotChecked(
                "No IAM user or policy ARN given, so the policies ICA's credentials carry are not read.",
                "Enter the IAM user whose access key ICA holds (or the policy ARN), then inspect again.");
        }

        if (result.Failure is AwsFailure failure)
        {
            return failure.Kind == AwsFailureKind.NotFound
                ? Policy.Fail(failure.Message, "Check the IAM user name and the policy ARN, then inspect again.")
                : Policy.NotChecked(failure);
        }

        if (!context.Bucket.IsValid || context.KeyArn is null || context.Account is null)
        {
            return Policy.NotChecked(
                "The bucket name or the key ARN is not known, so the policies' resources cannot be compared.",
                "Enter a valid bucket name and key ARN in step 1, then inspect again.");
        }

        IReadOnlyList<ManagedPolicyVersion> policies = result.Value ?? [];
        string who = Who(user, policyArn, policies);
        bool plural = policies.Count != 1;
        if (policies.Count == 0)
        {
            return Policy.Fail($"The IAM user {user} has no managed policies attached.", $"Attach the wizard's IAM policy (step 2) to {user}.");
        }

        var statements = new List<ParsedStatement>();
        var unreadable = new List<string>();
        foreach (ManagedPolicyVersion policy in policies)
        {
            ParsedPolicy? parsed = PolicyReader.Read(policy.Document, out string? problem);
            if (parsed is null)
            {
                unreadable.Add($"{NameOf(policy.PolicyArn)} could not be read ({problem})");
            }
            else
            {
                statements.AddRange(parsed.Statements);
            }
        }

        string prefix = context.Prefix.IsValid ? context.Prefix.Value : string.Empty;
        IReadOnlyList<IamPermissions.Requirement> required = IamPermissions.Required(
            context.Inputs.Variant, context.Partition, context.Account, context.Bucket.Value, prefix, context.KeyArn);
        var missing = new List<IamPermissions.Requirement>();
        var denied = new List<IamPermissions.Requirement>();
        foreach (IamPermissions.Requirement requirement in required)
        {
            switch (IamPermissions.Evaluate(statements, requirement.Action, requirement.Target.Probe))
            {
                case IamPermissions.Grant.Denied:
                    denied.Add(requirement);
                    break;
                case IamPermissions.Grant.Missing:
                    missing.Add(requirement);
                    break;
                default:
                    break;
            }
        }

        string variant = Name(context.Inputs.Variant);
        string unreadableNote = unreadable.Count == 0 ? string.Empty : $" {MessageList.Join(unreadable)}.";
        if (missing.Count == 0 && denied.Count == 0)
        {
            return Policy.Pass($"{Capitalize(who)} {(plural ? "allow" : "allows")} every action of the spec's {variant} policy on your bucket, its objects and your key.{unreadableNote}");
        }

        string deniedNote = denied.Count == 0 ? string.Empty : $" Denied by a Deny statement: {Describe(denied)}.";
        string missingNote = missing.Count == 0 ? string.Empty : $" Not allowed: {Describe(missing)}.";
        string fix = user is null
            ? $"Make the policy's default version the {variant} policy of step 2 (create a new version)."
            : $"Attach the wizard's {variant} policy (step 2) to {user}, or add what is missing (inline and group policies are not read).";
        return Policy.Fail($"{Capitalize(who)} {(plural ? "do" : "does")} not grant everything ICA needs.{missingNote}{deniedNote}{unreadableNote}", fix);
    }

    /// <summary>"kms:Encrypt, kms:Decrypt on the key …; s3:ListBucketVersions on the bucket …", grouped by resource.</summary>
    private static string Describe(List<IamPermissions.Requirement> requirements) =>
        string.Join("; ", requirements
            .GroupBy(r => r.Target.Label, StringComparer.Ordinal)
            .Select(g => $"{MessageList.Join([.. g.Select(r => r.Action)])} on {g.Key}"));

    private static string Who(string? user, string? policyArn, IReadOnlyList<ManagedPolicyVersion> policies)
    {
        string attached = policies.Count == 1
            ? $"the managed policy {NameOf(policies[0].PolicyArn)}"
            : $"the {policies.Count} managed policies";
        return (user, policyArn) switch
        {
            (not null, null) => $"{attached} attached to {user}",
            (null, not null) => $"the policy {NameOf(policyArn)}",
            _ => $"{attached} of {user} and {NameOf(policyArn!)}",
        };
    }

    private static string NameOf(string policyArn) => policyArn[(policyArn.LastIndexOf('/') + 1)..];

    private static string Name(PolicyVariant variant) => variant == PolicyVariant.Versioned ? "versioned" : "unversioned";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
