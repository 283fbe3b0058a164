using System.Text.Json;
using System.Text.Json.Nodes;
using IcaKms.Core.Policies.Evaluation;
using IcaKms.Core.Policies;

namespace IcaKms.Core.KeyPolicies;

/// <summary>
/// KMS's lockout safety rule, checked before sending a key policy: the new policy must still let the caller call
/// <c>kms:PutKeyPolicy</c> (KMS API PutKeyPolicy, "BypassPolicyLockoutSafetyCheck"). The question goes to the one
/// evaluator, with the caller's own IAM policies assumed to allow (a statement for the account root delegates to them,
/// as the default key policy's "Enable IAM User Permissions" does). The reading is cautious, as a check that decides
/// whether to send must be: an Allow or a Deny whose condition cannot be judged here counts against sending.
/// </summary>
internal static class KeyPolicyLockout
{
    /// <summary>The action the caller must keep.</summary>
    public const string PutKeyPolicy = "kms:PutKeyPolicy";

    /// <summary>Null when the statements let the caller change the policy; otherwise the problem, in words.</summary>
    /// <param name="statements">The policy's statements.</param>
    /// <param name="caller">Who will send the policy.</param>
    public static string? Problem(JsonArray statements, KeyPolicyCaller caller)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(caller);
        string json = new JsonObject { ["Statement"] = statements.DeepClone() }.ToJsonString();
        if (EvaluablePolicy.Read("the key policy", PolicySource.KeyPolicy, json, out string? problem) is not EvaluablePolicy policy)
        {
            return $"the new policy cannot be evaluated ({problem})";
        }

        // A key policy's Resource can only name its own key ("*" or the key's ARN, which the merge is not given): read every
        // Resource as this key, so the question is about principals, actions and conditions.
        policy = policy with { Statements = [.. policy.Statements.Select(s => s.IsNotResource ? s : s with { Resources = null })] };
        if (RequestPrincipal.Parse(caller.Arn) is not RequestPrincipal principal)
        {
            return $"the caller {caller.Arn} is not a principal the lockout rule can judge";
        }

        var context = new RequestContext(new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:PrincipalAccount"] = ContextValue.Of(caller.Account, "the caller's ARN"),
            ["kms:CallerAccount"] = ContextValue.Of(caller.Account, "the caller's ARN"),
        });
        AccessDecision decision = AccessEvaluator.Evaluate(
            new AccessRequest(principal, PutKeyPolicy, "*", context),
            new AccessPolicies { Kind = ResourceKind.KmsKey, ResourceAccount = caller.Account, Resource = policy, AssumedIdentity = "your IAM policies" });
        switch (decision.Verdict)
        {
            case AccessVerdict.Allowed:
                return null;
            case AccessVerdict.ExplicitDeny:
                return $"{Labels(decision.Deciding, policy)} denies {PutKeyPolicy} to {caller.Description} (or to everyone)";
        }

        List<StatementRef> openDenies = [.. decision.Open.Select(o => o.Statement).Distinct().Where(s => policy.Statements.FirstOrDefault(x => x.Label == s.Statement) is { IsAllow: false })];
        if (openDenies.Count > 0)
        {
            return $"{Labels(openDenies, policy)} denies {PutKeyPolicy} to {caller.Description} under a Condition this check cannot evaluate";
        }

        string conditional = decision.Verdict == AccessVerdict.DependsOn
            ? $"; {Labels([.. decision.Open.Select(o => o.Statement).Distinct()], policy)} allows it only with a Condition, which this check cannot evaluate"
            : string.Empty;
        return $"no statement would allow {PutKeyPolicy} to {caller.Description} or to the account root {caller.RootArn}{conditional}";
    }

    /// <summary>The statement's name for messages: <c>#n 'Sid'</c>, or <c>#n</c> without a Sid (n from 1).</summary>
    public static string Label(JsonObject statement, int index) =>
        statement.TryGetPropertyValue("Sid", out JsonNode? sid) && sid is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            ? $"#{index + 1} '{text}'"
            : $"#{index + 1}";

    /// <summary>"statement #2 'Deny others'" for the statements referred to (numbered as in the policy).</summary>
    private static string Labels(IReadOnlyList<StatementRef> refs, EvaluablePolicy policy) =>
        "statement " + MessageList.Join([.. refs
            .Select(r => policy.Statements.FirstOrDefault(s => s.Label == r.Statement))
            .OfType<EvaluableStatement>()
            .Select(s => s.Sid is { Length: > 0 } sid ? $"#{s.Number} '{sid}'" : $"#{s.Number}")
            .Distinct(StringComparer.Ordinal)]);
}
