namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// Whether one statement applies to a request: its action (<c>Action</c>/<c>NotAction</c>, wildcards, case-insensitive),
/// its resource (<c>Resource</c>/<c>NotResource</c>, wildcards and policy variables, case-sensitive) and every
/// condition clause (IAM User Guide, "Policy evaluation logic": a statement applies only when all of them match).
/// The principal is matched by the caller, which decides what a match means for the policy kind.
/// </summary>
internal static class StatementMatcher
{
    /// <summary>Whether the statement's action, resource and conditions match the request.</summary>
    public static Part Applies(EvaluableStatement statement, string policy, AccessRequest request)
    {
        var self = new StatementRef(policy, statement.Label);
        if (!CoversAction(statement, request.Action))
        {
            return Part.No;
        }

        Part resource = CoversResource(statement, self, request);
        if (resource.Value == Tri.No)
        {
            return Part.No;
        }

        Part result = Part.And(resource, Part.Yes(self));
        foreach (ConditionClause clause in statement.Conditions)
        {
            Tri holds = ConditionEvaluator.Evaluate(clause, request.Context, out string? openKey);
            Part part = holds == Tri.Unknown ? new Part(Tri.Unknown, [], [new OpenCondition(self, openKey ?? clause.Key, clause.Describe())]) : new Part(holds, [], []);
            result = Part.And(result, part);
            if (result.Value == Tri.No)
            {
                return Part.No;
            }
        }

        return result;
    }

    /// <summary>True when the action is covered (an empty <c>Action</c> covers nothing, an empty <c>NotAction</c> everything).</summary>
    public static bool CoversAction(EvaluableStatement statement, string action) =>
        statement.Actions.Any(pattern => IamGlob.Matches(pattern, action, ignoreCase: true)) != statement.IsNotAction;

    private static Part CoversResource(EvaluableStatement statement, StatementRef self, AccessRequest request)
    {
        if (statement.Resources is null)
        {
            return Part.Yes();
        }

        var open = new List<OpenCondition>();
        bool listed = false;
        foreach (string pattern in statement.Resources)
        {
            string? resolved = PolicyVariables.Substitute(pattern, request.Context, out string? openKey);
            if (openKey is not null)
            {
                open.Add(new OpenCondition(self, openKey, $"the policy variable in {pattern}"));
            }
            else if (resolved is not null && IamGlob.Matches(resolved, request.Resource, ignoreCase: false))
            {
                listed = true;
                break;
            }
        }

        Tri value = listed ? Tri.Yes : open.Count > 0 ? Tri.Unknown : Tri.No;
        if (statement.IsNotResource)
        {
            value = TriLogic.Not(value);
        }

        return value == Tri.Unknown ? new Part(Tri.Unknown, [], open) : new Part(value, [], []);
    }
}
