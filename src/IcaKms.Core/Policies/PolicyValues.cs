using System.Collections;
using System.Text.Json.Serialization;

namespace IcaKms.Core.Policies;

/// <summary>
/// The value of an IAM policy element that may be written as one string or as an array of strings
/// (<c>Action</c>, <c>Resource</c>). The written shape is kept so a document renders as it was given.
/// </summary>
[JsonConverter(typeof(PolicyValuesJsonConverter))]
public sealed class PolicyValues : IReadOnlyList<string>, IEquatable<PolicyValues>
{
    private readonly string[] _values;

    private PolicyValues(string[] values, bool isSingle)
    {
        _values = values;
        IsSingle = isSingle;
    }

    /// <summary>True when the element is written as a single string rather than an array.</summary>
    public bool IsSingle { get; }

    /// <inheritdoc />
    public int Count => _values.Length;

    /// <inheritdoc />
    public string this[int index] => _values[index];

    /// <summary>A value written as one JSON string.</summary>
    public static PolicyValues One(string value) => new([value], isSingle: true);

    /// <summary>A value written as a JSON array, even when it holds one item.</summary>
    public static PolicyValues Many(params IEnumerable<string> values) => new(values.ToArray(), isSingle: false);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(PolicyValues? other) =>
        other is not null && IsSingle == other.IsSingle && _values.SequenceEqual(other._values, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PolicyValues);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsSingle);
        foreach (string value in _values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => IsSingle ? _values[0] : "[" + string.Join(", ", _values) + "]";
}
