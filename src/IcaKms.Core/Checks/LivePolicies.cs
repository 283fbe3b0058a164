using IcaKms.Core.Aws;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.Checks;

/// <summary>The live policies read into the evaluator's types: the key policy, the key's grants, the bucket policy, ICA's user's policies.</summary>
internal static class LivePolicies
{
    /// <summary>How decisions name the key policy.</summary>
    public const string KeyPolicyName = "the key policy";

    /// <summary>How decisions name the bucket policy.</summary>
    public const string BucketPolicyName = "the bucket policy";

    /// <summary>The key policy, or null with the reason when its text is not a policy.</summary>
    public static EvaluablePolicy? KeyPolicy(string? json, out string? problem) =>
        EvaluablePolicy.Read(KeyPolicyName, PolicySource.KeyPolicy, json, out problem);

    /// <summary>The bucket policy (null value: none), or the reason it cannot be read.</summary>
    public static EvaluablePolicy? BucketPolicy(string json, out string? problem) =>
        EvaluablePolicy.Read(BucketPolicyName, PolicySource.BucketPolicy, json, out problem);

    /// <summary>The key's grants as the evaluator reads them.</summary>
    public static IReadOnlyList<KeyGrant> Grants(IReadOnlyList<KmsGrant>? grants) =>
        [.. (grants ?? []).Select(g => new KeyGrant(g.GrantId, g.GranteePrincipal, g.Operations, g.EncryptionContextEquals, g.EncryptionContextSubset))];

    /// <summary>The identity policies that read, and the ones that did not (with why).</summary>
    public static (List<EvaluablePolicy> Read, List<string> Unreadable) Identity(IReadOnlyList<IdentityPolicy> policies, string? user)
    {
        var read = new List<EvaluablePolicy>();
        var unreadable = new List<string>();
        foreach (IdentityPolicy policy in policies)
        {
            if (EvaluablePolicy.Read(policy.Describe(user), PolicySource.Identity, policy.Document, out string? problem) is EvaluablePolicy parsed)
            {
                read.Add(parsed);
            }
            else
            {
                unreadable.Add($"{policy.Describe(user)} could not be read ({problem})");
            }
        }

        return (read, unreadable);
    }

    /// <summary>The statement a reference names, when it is a statement of the policy.</summary>
    public static EvaluableStatement? Find(EvaluablePolicy policy, StatementRef reference) =>
        reference.Policy == policy.Name ? policy.Statements.FirstOrDefault(s => s.Label == reference.Statement) : null;

    /// <summary>"depends on aws:SourceVpce (StringEquals aws:SourceVpce vpce-1) in statement 'X' of the key policy".</summary>
    public static string DependsOn(AccessDecision decision) => $"depends on {decision.DependsOn}";
}
