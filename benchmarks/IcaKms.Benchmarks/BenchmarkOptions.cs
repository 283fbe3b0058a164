using System.Globalization;

namespace IcaKms.Benchmarks;

/// <summary>Where the gateways' calls go.</summary>
internal enum BenchmarkMode
{
    /// <summary>In-memory gateways that wait a fixed latency, then answer.</summary>
    InMemory,

    /// <summary>The real SDK-based gateways against a loopback HTTP server that waits a fixed latency per request.</summary>
    Loopback,
}

/// <summary>The command line: <c>--latency 50 --runs 20 --policies 3 --mode in-memory</c>.</summary>
internal sealed record BenchmarkOptions(TimeSpan Latency, int Runs, int AttachedPolicies, BenchmarkMode Mode)
{
    public const string Usage = "usage: IcaKms.Benchmarks [--latency <ms>=50] [--runs <n>=20] [--policies <n>=3] [--mode in-memory|loopback]";

    public static BenchmarkOptions Default { get; } = new(TimeSpan.FromMilliseconds(50), 20, 3, BenchmarkMode.InMemory);

    /// <summary>Reads the arguments, or returns null with the reason.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        BenchmarkOptions options = Default;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            string value = args[++i];
            switch (name)
            {
                case "--latency" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms):
                    options = options with { Latency = TimeSpan.FromMilliseconds(ms) };
                    break;
                case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int runs) && runs > 0:
                    options = options with { Runs = runs };
                    break;
                case "--policies" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int policies):
                    options = options with { AttachedPolicies = policies };
                    break;
                case "--mode" when value is "in-memory" or "loopback":
                    options = options with { Mode = value == "loopback" ? BenchmarkMode.Loopback : BenchmarkMode.InMemory };
                    break;
                default:
                    error = $"bad argument: {name} {value}";
                    return null;
            }
        }

        error = null;
        return options;
    }
}
