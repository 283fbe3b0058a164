namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// The request-context keys whose values are known for one request. Keys compare case-insensitively (as AWS's do);
/// any key not listed is not knowable here, so a condition on it makes the decision "depends on".
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, ContextValue> _values;

    /// <summary>A context with the given known keys.</summary>
    public RequestContext(IReadOnlyDictionary<string, ContextValue>? values = null)
    {
        _values = new Dictionary<string, ContextValue>(values ?? new Dictionary<string, ContextValue>(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>No key known.</summary>
    public static RequestContext Empty { get; } = new();

    /// <summary>The keys listed, with their values.</summary>
    public IReadOnlyDictionary<string, ContextValue> Values => _values;

    /// <summary>The value of a key; unknown when not listed.</summary>
    public ContextValue Get(string key) =>
        _values.TryGetValue(key, out ContextValue? value) ? value : ContextValue.Unknown($"{key} is not known for this request");

    /// <summary>This context with one more key (or a replaced one).</summary>
    public RequestContext With(string key, ContextValue value)
    {
        var copy = new Dictionary<string, ContextValue>(_values, StringComparer.OrdinalIgnoreCase) { [key] = value };
        return new RequestContext(copy);
    }
}
