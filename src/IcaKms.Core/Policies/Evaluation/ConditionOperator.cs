namespace IcaKms.Core.Policies.Evaluation;

/// <summary>The operator families of IAM's <c>Condition</c> element.</summary>
internal enum OperatorFamily
{
    String,
    StringIgnoreCase,
    StringLike,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

/// <summary>How a comparison operator compares a request value with a policy value.</summary>
internal enum Comparison
{
    Equals,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}

/// <summary>
/// A condition operator read from its name: the family, whether it is negated (<c>StringNotEquals</c>,
/// <c>NotIpAddress</c>, <c>ArnNotLike</c>), the <c>…IfExists</c> suffix and the <c>ForAnyValue:</c>/<c>ForAllValues:</c>
/// set qualifier (IAM User Guide, "Condition operators", "Multivalued context keys").
/// </summary>
internal sealed record ConditionOperator(OperatorFamily Family, Comparison Comparison, bool Negated, bool IfExists, string? SetQualifier)
{
    private static readonly Dictionary<string, (OperatorFamily Family, Comparison Comparison, bool Negated)> Bases = new(StringComparer.Ordinal)
    {
        ["StringEquals"] = (OperatorFamily.String, Comparison.Equals, false),
        ["StringNotEquals"] = (OperatorFamily.String, Comparison.Equals, true),
        ["StringEqualsIgnoreCase"] = (OperatorFamily.StringIgnoreCase, Comparison.Equals, false),
        ["StringNotEqualsIgnoreCase"] = (OperatorFamily.StringIgnoreCase, Comparison.Equals, true),
        ["StringLike"] = (OperatorFamily.StringLike, Comparison.Equals, false),
        ["StringNotLike"] = (OperatorFamily.StringLike, Comparison.Equals, true),
        ["NumericEquals"] = (OperatorFamily.Numeric, Comparison.Equals, false),
        ["NumericNotEquals"] = (OperatorFamily.Numeric, Comparison.Equals, true),
        ["NumericLessThan"] = (OperatorFamily.Numeric, Comparison.LessThan, false),
        ["NumericLessThanEquals"] = (OperatorFamily.Numeric, Comparison.LessThanEquals, false),
        ["NumericGreaterThan"] = (OperatorFamily.Numeric, Comparison.GreaterThan, false),
        ["NumericGreaterThanEquals"] = (OperatorFamily.Numeric, Comparison.GreaterThanEquals, false),
        ["DateEquals"] = (OperatorFamily.Date, Comparison.Equals, false),
        ["DateNotEquals"] = (OperatorFamily.Date, Comparison.Equals, true),
        ["DateLessThan"] = (OperatorFamily.Date, Comparison.LessThan, false),
        ["DateLessThanEquals"] = (OperatorFamily.Date, Comparison.LessThanEquals, false),
        ["DateGreaterThan"] = (OperatorFamily.Date, Comparison.GreaterThan, false),
        ["DateGreaterThanEquals"] = (OperatorFamily.Date, Comparison.GreaterThanEquals, false),
        ["Bool"] = (OperatorFamily.Bool, Comparison.Equals, false),
        ["BinaryEquals"] = (OperatorFamily.Binary, Comparison.Equals, false),
        ["IpAddress"] = (OperatorFamily.Ip, Comparison.Equals, false),
        ["NotIpAddress"] = (OperatorFamily.Ip, Comparison.Equals, true),
        ["ArnEquals"] = (OperatorFamily.Arn, Comparison.Equals, false),
        ["ArnLike"] = (OperatorFamily.Arn, Comparison.Equals, false),
        ["ArnNotEquals"] = (OperatorFamily.Arn, Comparison.Equals, true),
        ["ArnNotLike"] = (OperatorFamily.Arn, Comparison.Equals, true),
        ["Null"] = (OperatorFamily.Null, Comparison.Equals, false),
    };

    /// <summary>Reads an operator name; null when IAM has no such operator.</summary>
    public static ConditionOperator? Parse(string name)
    {
        string? qualifier = null;
        foreach (string prefix in (string[])["ForAnyValue:", "ForAllValues:"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                qualifier = prefix[..^1];
                name = name[prefix.Length..];
            }
        }

        bool ifExists = name.EndsWith("IfExists", StringComparison.Ordinal) && name != "IfExists";
        string baseName = ifExists ? name[..^"IfExists".Length] : name;
        if (!Bases.TryGetValue(baseName, out (OperatorFamily Family, Comparison Comparison, bool Negated) found)
            || (found.Family == OperatorFamily.Null && (ifExists || qualifier is not null)))
        {
            return null;
        }

        return new ConditionOperator(found.Family, found.Comparison, found.Negated, ifExists, qualifier);
    }
}
