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
        if (OptionValues.Parse(args, out error) is not { } values)
        {
            return null;
        }

        if (values.Text("icakms") is not { } icakms || values.Text("bare") is not { } bare)
        {
            error = "--icakms and --bare are required.";
            return null;
        }

        return new CircuitOptions(
            icakms,
            bare,
            values.Text("icakms-path", "/"),
            values.Text("bare-path", "/counter"),
            values.Int("circuits", 40, 1, 20_000),
            values.Int("warmup", 2, 1, 100),
            values.Int("concurrency", 4, 1, 64),
            values.Int("steps", 200, 0, 100_000),
            TimeSpan.FromMinutes(values.Int("deadline-minutes", 30, 1, 240)),
            TimeSpan.FromSeconds(values.Int("hold-seconds", 0, 0, 3600)),
            values.Int("next", 100, 0, 10_000),
            values.Int("tti", 10, 0, 100),
            values.Text("chromium", Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium"));
    }
}
