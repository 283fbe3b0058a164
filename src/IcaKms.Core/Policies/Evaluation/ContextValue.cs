namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// The value of one request-context key for the request being judged: known (one value or several, for multi-valued
/// keys), known to be absent from the request, or not knowable here (then a condition on it leaves the verdict open).
/// </summary>
public sealed record ContextValue
{
    private ContextValue(bool isKnown, IReadOnlyList<string> values, string source)
    {
        IsKnown = isKnown;
        Values = values;
        Source = source;
    }

    /// <summary>True when the value (or its absence) is known.</summary>
    public bool IsKnown { get; }

    /// <summary>The values when known; empty when the key is absent from the request.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>True when the key is known to be absent.</summary>
    public bool IsAbsent => IsKnown && Values.Count == 0;

    /// <summary>Where the value comes from (documentation page or reasoning), for the record.</summary>
    public string Source { get; }

    /// <summary>A known single value.</summary>
    public static ContextValue Of(string value, string source) => new(true, [value], source);

    /// <summary>Known values of a multi-valued key.</summary>
    public static ContextValue OfMany(IEnumerable<string> values, string source) => new(true, [.. values], source);

    /// <summary>Known to be absent from the request.</summary>
    public static ContextValue Absent(string source) => new(true, [], source);

    /// <summary>Not knowable here.</summary>
    public static ContextValue Unknown(string why) => new(false, [], why);
}
