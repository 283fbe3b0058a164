using System.Globalization;

namespace IcaKms.Circuits;

/// <summary>Command line of the circuit benchmark.</summary>
internal sealed record CircuitOptions(
    string IcaKmsDll,
    string BareDll,
    string IcaKmsPath,
    string BarePath,
    int Circuits,
    int WarmUp,
    int Concurrency,
    int Steps,
    TimeSpan Deadline,
    TimeSpan Hold,
    int NextCircuits,
    int TimeToInteractiveLoads,
    string Chromium)
{
    public const string Usage = """
        usage: IcaKms.Circuits --icakms <IcaKms.Web.dll> --bare <Bare.dll> [--circuits 40] [--warmup 2]
                               [--concurrency 4] [--steps 200] [--icakms-path /] [--bare-path /counter]
                               [--deadline-minutes 30] [--hold-seconds 0] [--next 100] [--tti 10]
                               [--chromium /usr/bin/chromium]
        --next opens that many more circuits with valid inputs and times one Next in each (0: skip).
        --tti loads the page that many times in Chromium for the time to interactive (0: skip).
        --hold-seconds keeps each app's circuits open that long after the reading, its pid printed, for dotnet-gcdump.
        """;

    public static CircuitOptions? Parse(string[] args, out string? error)
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

        if (!values.TryGetValue("icakms", out string? icakms) || !values.TryGetValue("bare", out string? bare))
        {
            error = "--icakms and --bare are required.";
            return null;
        }

        int Int(string name, int fallback, int min, int max)
        {
            int value = values.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return Math.Clamp(value, min, max);
        }

        error = null;
        return new CircuitOptions(
            icakms,
            bare,
            values.GetValueOrDefault("icakms-path", "/"),
            values.GetValueOrDefault("bare-path", "/counter"),
            Int("circuits", 40, 1, 20_000),
            Int("warmup", 2, 1, 100),
            Int("concurrency", 4, 1, 64),
            Int("steps", 200, 0, 100_000),
            TimeSpan.FromMinutes(Int("deadline-minutes", 30, 1, 240)),
            TimeSpan.FromSeconds(Int("hold-seconds", 0, 0, 3600)),
            Int("next", 100, 0, 10_000),
            Int("tti", 10, 0, 100),
            values.GetValueOrDefault("chromium", Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium"));
    }
}
