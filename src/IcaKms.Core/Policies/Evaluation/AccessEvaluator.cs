namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// The one answer to "may principal P do action A on resource R?", by AWS's documented evaluation logic (IAM User Guide,
/// "Policy evaluation logic", "Cross-account policy evaluation logic"; KMS Developer Guide, "Key policies", "Grants"):
/// <list type="number">
/// <item>An explicit <c>Deny</c> that applies, in any identity or resource policy, wins.</item>
/// <item>KMS key: the key policy must allow the principal directly, or name its account (delegating to the principal's
/// identity policies, which must then allow); a grant to the principal (or to its account, with an identity Allow) adds access.</item>
/// <item>S3 (and other resources with a resource policy): in the same account an Allow in the identity policies or in
/// the resource policy is enough; across accounts both must allow.</item>
/// <item>Otherwise implicit deny.</item>
/// </list>
/// Conditions on keys whose values are not known here make the answer <see cref="AccessVerdict.DependsOn"/>, naming them.
/// Pure: no I/O, deterministic.
/// </summary>
public static class AccessEvaluator
{
    /// <summary>Decides the request.</summary>
    public static AccessDecision Evaluate(AccessRequest request, AccessPolicies policies)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);

        Part deny = Part.Or(Statements(policies).Where(s => !s.Statement.IsAllow).Select(s => Applies(s.Statement, s.Policy, request)));
        if (deny.Value == Tri.Yes)
        {
            return new AccessDecision(AccessVerdict.ExplicitDeny, deny.Because, []);
        }

        Part allow = Allow(request, policies);
        if (allow.Value == Tri.No)
        {
            return new AccessDecision(AccessVerdict.ImplicitDeny, [], []);
        }

        if (allow.Value == Tri.Yes && deny.Value == Tri.No)
        {
            return new AccessDecision(AccessVerdict.Allowed, allow.Because, []);
        }

        return new AccessDecision(AccessVerdict.DependsOn, allow.Because, [.. deny.Open, .. allow.Open]);
    }

    private static Part Allow(AccessRequest request, AccessPolicies policies)
    {
        Part identity = policies.Identity is null
            ? Part.Yes(new StatementRef(policies.AssumedIdentity, "(assumed to allow)"))
            : Part.Or(policies.Identity.SelectMany(p => p.Statements.Where(s => s.IsAllow).Select(s => Applies(s, p, request))));

        Part direct = Part.No;
        Part account = Part.No;
        if (policies.Resource is EvaluablePolicy resource)
        {
            direct = ResourceAllow(resource, request, PrincipalMatch.Direct);
            account = ResourceAllow(resource, request, PrincipalMatch.Account);
        }

        bool sameAccount = string.Equals(request.Principal.Account, policies.ResourceAccount, StringComparison.Ordinal);
        return policies.Kind switch
        {
            ResourceKind.KmsKey => Part.Or(
                direct,
                Part.And(account, identity),
                Part.Or(policies.Grants.Select(g => GrantAllows(g, request, identity)))),
            _ when policies.Resource is null => sameAccount || policies.Kind == ResourceKind.Other ? identity : Part.No,
            _ when sameAccount => Part.Or(direct, identity),
            _ => Part.And(identity, Part.Or(direct, account)),
        };
    }

    private static Part ResourceAllow(EvaluablePolicy resource, AccessRequest request, PrincipalMatch wanted) =>
        Part.Or(resource.Statements
            .Where(s => s.IsAllow && s.Principal is not null && PrincipalMatcher.Match(s.Principal, request.Principal) == wanted)
            .Select(s => StatementMatcher.Applies(s, resource.Name, request)));

    /// <summary>A statement applies: its principal covers the requester (resource policies) and its action, resource and conditions match.</summary>
    private static Part Applies(EvaluableStatement statement, EvaluablePolicy policy, AccessRequest request)
    {
        if (policy.Source != PolicySource.Identity
            && (statement.Principal is null || PrincipalMatcher.Match(statement.Principal, request.Principal) == PrincipalMatch.None))
        {
            return Part.No;
        }

        return StatementMatcher.Applies(statement, policy.Name, request);
    }

    private static IEnumerable<(EvaluableStatement Statement, EvaluablePolicy Policy)> Statements(AccessPolicies policies)
    {
        IEnumerable<EvaluablePolicy> all = policies.Identity ?? [];
        if (policies.Resource is not null)
        {
            all = all.Append(policies.Resource);
        }

        return all.SelectMany(p => p.Statements.Select(s => (s, p)));
    }

    private static Part GrantAllows(KeyGrant grant, AccessRequest request, Part identity)
    {
        string operation = request.Action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) ? request.Action[4..] : string.Empty;
        if (!grant.Operations.Contains(operation, StringComparer.Ordinal))
        {
            return Part.No;
        }

        var self = new StatementRef($"grant {grant.GrantId}", "operations " + string.Join(", ", grant.Operations));
        var principal = new PrincipalElement(false, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [request.Principal.Kind == PrincipalKind.Service ? "Service" : "AWS"] = [grant.GranteePrincipal],
        });
        PrincipalMatch match = PrincipalMatcher.Match(principal, request.Principal);
        if (match == PrincipalMatch.None)
        {
            return Part.No;
        }

        Part constraints = Constraints(grant, self, request.Context);
        Part allowed = Part.And(Part.Yes(self), constraints);

        // A grant to an account, like a key policy's, delegates to that account's identity policies.
        return match == PrincipalMatch.Account ? Part.And(allowed, identity) : allowed;
    }

    /// <summary>The grant's encryption-context constraints, read against <c>kms:EncryptionContext:KEY</c> and <c>kms:EncryptionContextKeys</c>.</summary>
    private static Part Constraints(KeyGrant grant, StatementRef self, RequestContext context)
    {
        Part result = Part.Yes();
        IReadOnlyDictionary<string, string>? pairs = grant.EncryptionContextEquals ?? grant.EncryptionContextSubset;
        foreach ((string key, string expected) in pairs ?? new Dictionary<string, string>())
        {
            string contextKey = $"kms:EncryptionContext:{key}";
            ContextValue value = context.Get(contextKey);
            Part part = !value.IsKnown
                ? new Part(Tri.Unknown, [], [new OpenCondition(self, contextKey, $"grant constraint {key} = {expected}")])
                : new Part(TriLogic.Of(value.Values.Contains(expected, StringComparer.Ordinal)), [], []);
            result = Part.And(result, part);
        }

        if (grant.EncryptionContextEquals is { } equals)
        {
            // Equals also forbids any other pair: that needs the request's whole set of keys.
            ContextValue keys = context.Get("kms:EncryptionContextKeys");
            Part part = !keys.IsKnown
                ? new Part(Tri.Unknown, [], [new OpenCondition(self, "kms:EncryptionContextKeys", "grant constraint EncryptionContextEquals")])
                : new Part(TriLogic.Of(keys.Values.Order(StringComparer.Ordinal).SequenceEqual(equals.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal)), [], []);
            result = Part.And(result, part);
        }

        return result;
    }
}
