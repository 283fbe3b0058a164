using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.Tests.Policies.Evaluation;

/// <summary>Builders for evaluator tests: principals, contexts and policies from JSON.</summary>
internal static class Eval
{
    public const string Account = "111122223333";
    public const string OtherAccount = "444455556666";
    public const string KeyArn = $"arn:aws:kms:us-west-2:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string Root = $"arn:aws:iam::{Account}:root";

    public static RequestPrincipal Principal(string arn) => RequestPrincipal.Parse(arn) ?? throw new ArgumentException($"not a principal: {arn}");

    public static RequestPrincipal User(string name = "ExampleUser", string account = Account) => Principal($"arn:aws:iam::{account}:user/{name}");

    public static RequestContext Context(params (string Key, string? Value)[] values) => new(values.ToDictionary(
        v => v.Key,
        v => v.Value is null ? ContextValue.Absent("test") : ContextValue.Of(v.Value, "test"),
        StringComparer.OrdinalIgnoreCase));

    public static EvaluablePolicy Policy(string json, PolicySource source = PolicySource.Identity, string name = "policy") =>
        EvaluablePolicy.Read(name, source, json, out string? problem) ?? throw new ArgumentException(problem);

    public static EvaluablePolicy KeyPolicy(string json) => Policy(json, PolicySource.KeyPolicy, "the key policy");

    public static EvaluablePolicy BucketPolicy(string json) => Policy(json, PolicySource.BucketPolicy, "the bucket policy");

    /// <summary>Identity policies only (no resource policy), same account.</summary>
    public static AccessDecision Identity(string action, string resource, RequestContext? context, params string[] policies) =>
        AccessEvaluator.Evaluate(
            new AccessRequest(User(), action, resource, context ?? RequestContext.Empty),
            new AccessPolicies { Kind = ResourceKind.Other, ResourceAccount = Account, Identity = [.. policies.Select((p, i) => Policy(p, name: $"policy {i + 1}"))] });

    /// <summary>A KMS request against a key policy, identity policies and grants.</summary>
    public static AccessDecision Key(
        RequestPrincipal principal, string action, string keyPolicy, IReadOnlyList<string>? identity = null, IReadOnlyList<KeyGrant>? grants = null, RequestContext? context = null) =>
        AccessEvaluator.Evaluate(
            new AccessRequest(principal, action, KeyArn, context ?? RequestContext.Empty),
            new AccessPolicies
            {
                Kind = ResourceKind.KmsKey,
                ResourceAccount = Account,
                Resource = KeyPolicy(keyPolicy),
                Identity = identity is null ? null : [.. identity.Select((p, i) => Policy(p, name: $"identity policy {i + 1}"))],
                Grants = grants ?? [],
            });
}
