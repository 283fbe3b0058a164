using System.Globalization;
using System.Net;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// Evaluates one condition clause against the request context, by IAM's rules (IAM User Guide, "IAM JSON policy
/// elements: Condition operators" and "Multivalued context keys"): several policy values are ORed; a key absent from the
/// request makes a positive operator false and a negated one true, <c>…IfExists</c> true, <c>ForAllValues:</c> true and
/// <c>ForAnyValue:</c> false; <c>Null</c> tests presence. A key whose value is not known here gives <see cref="Tri.Unknown"/>.
/// </summary>
internal static class ConditionEvaluator
{
    /// <summary>Whether the clause holds; <paramref name="openKey"/> names the key that left it open.</summary>
    public static Tri Evaluate(ConditionClause clause, RequestContext context, out string? openKey)
    {
        openKey = null;
        if (ConditionOperator.Parse(clause.Operator) is not ConditionOperator op || clause.Key.Length == 0)
        {
            // An operator AWS would not have stored: say it cannot be judged rather than guess.
            openKey = clause.Key.Length == 0 ? clause.Operator : clause.Key;
            return Tri.Unknown;
        }

        ContextValue value = context.Get(clause.Key);
        if (!value.IsKnown)
        {
            openKey = clause.Key;
            return Tri.Unknown;
        }

        if (op.Family == OperatorFamily.Null)
        {
            // "true" asks that the key be absent; several values are ORed.
            return TriLogic.Of(clause.Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) == value.IsAbsent));
        }

        if (value.IsAbsent)
        {
            return op.SetQualifier switch
            {
                "ForAllValues" => Tri.Yes,
                "ForAnyValue" => Tri.No,
                _ => TriLogic.Of(op.IfExists || op.Negated),
            };
        }

        var policyValues = new List<string>(clause.Values.Count);
        foreach (string raw in clause.Values)
        {
            string? substituted = PolicyVariables.Substitute(raw, context, out string? open);
            if (open is not null)
            {
                openKey = open;
                return Tri.Unknown;
            }

            if (substituted is not null)
            {
                policyValues.Add(substituted);
            }
        }

        // "Matches" is the positive operator: a request value matches one of the policy values.
        bool Matches(string requestValue) => policyValues.Any(p => MatchOne(op, requestValue, p));
        IReadOnlyList<string> values = value.Values;
        return op.SetQualifier switch
        {
            "ForAllValues" => TriLogic.Of(values.All(v => Matches(v) != op.Negated)),
            "ForAnyValue" => TriLogic.Of(values.Any(v => Matches(v) != op.Negated)),
            _ => TriLogic.Of(values.Any(Matches) != op.Negated),
        };
    }

    private static bool MatchOne(ConditionOperator op, string request, string policy) => op.Family switch
    {
        OperatorFamily.String => string.Equals(request, policy, StringComparison.Ordinal),
        OperatorFamily.StringIgnoreCase => string.Equals(request, policy, StringComparison.OrdinalIgnoreCase),
        OperatorFamily.StringLike => IamGlob.Matches(policy, request, ignoreCase: false),
        OperatorFamily.Bool => string.Equals(request, policy, StringComparison.OrdinalIgnoreCase),
        OperatorFamily.Binary => string.Equals(request, policy, StringComparison.Ordinal),
        OperatorFamily.Numeric => Compare(op.Comparison, Number(request), Number(policy)),
        OperatorFamily.Date => Compare(op.Comparison, Date(request), Date(policy)),
        OperatorFamily.Ip => InRange(request, policy),
        OperatorFamily.Arn => ArnMatches(policy, request),
        _ => false,
    };

    private static bool Compare(Comparison comparison, decimal? request, decimal? policy)
    {
        if (request is not decimal r || policy is not decimal p)
        {
            return false;
        }

        return comparison switch
        {
            Comparison.LessThan => r < p,
            Comparison.LessThanEquals => r <= p,
            Comparison.GreaterThan => r > p,
            Comparison.GreaterThanEquals => r >= p,
            _ => r == p,
        };
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) ? value : null;

    /// <summary>A date as seconds since the epoch: ISO 8601 or an epoch number, as IAM accepts both.</summary>
    private static decimal? Date(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            return date.ToUnixTimeMilliseconds() / 1000m;
        }

        return Number(text);
    }

    private static bool InRange(string request, string policy)
    {
        if (!IPAddress.TryParse(request, out IPAddress? address))
        {
            return false;
        }

        string cidr = policy.Contains('/', StringComparison.Ordinal)
            ? policy
            : $"{policy}/{(policy.Contains(':', StringComparison.Ordinal) ? 128 : 32)}";
        return IPNetwork.TryParse(cidr, out IPNetwork network) && network.Contains(address);
    }

    /// <summary>ARN operators match each of the six colon-separated parts on its own, with wildcards (IAM: "ARN condition operators").</summary>
    private static bool ArnMatches(string pattern, string arn)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (ArnParts.Parse(pattern) is not ArnParts p || ArnParts.Parse(arn) is not ArnParts a)
        {
            // A pattern cut short (e.g. "arn:aws:iam::*") still matches as a whole.
            return IamGlob.Matches(pattern, arn, ignoreCase: false);
        }

        return Part(p.Partition, a.Partition) && Part(p.Service, a.Service) && Part(p.Region, a.Region)
            && Part(p.Account, a.Account) && Part(p.Resource, a.Resource);

        static bool Part(string pattern, string value) => IamGlob.Matches(pattern, value, ignoreCase: false);
    }
}
