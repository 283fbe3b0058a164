using System.Globalization;

namespace IcaKms.Circuits;

/// <summary>
/// A benchmark command line read as <c>--name value</c> pairs, shared by the circuit, soak and load options: each of
/// them says which names it takes, their defaults and their bounds.
/// </summary>
internal sealed class OptionValues
{
    private readonly Dictionary<string, string> _values;

    private OptionValues(Dictionary<string, string> values) => _values = values;

    /// <summary>The pairs of <paramref name="args"/>, or null and an error for an argument that is not one.</summary>
    public static OptionValues? Parse(string[] args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"Unexpected argument '{args[i]}'.";
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        error = null;
        return new OptionValues(values);
    }

    /// <summary>The value of <c>--name</c>, or null when it was not given.</summary>
    public string? Text(string name) => _values.GetValueOrDefault(name);

    /// <summary>The value of <c>--name</c>, or <paramref name="fallback"/> when it was not given.</summary>
    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <summary>The whole number of <c>--name</c> (or <paramref name="fallback"/>), brought within min and max.</summary>
    public int Int(string name, int fallback, int min, int max) =>
        Math.Clamp(_values.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback, min, max);
}
