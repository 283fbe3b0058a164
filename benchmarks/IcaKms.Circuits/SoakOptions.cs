using System.Globalization;

namespace IcaKms.Circuits;

/// <summary>Command line of the soak (<c>IcaKms.Circuits soak ...</c>, see scripts/soak.sh).</summary>
internal sealed record SoakOptions(string IcaKmsDll, int Circuits, int Parallel, int ConnectEvery, int WarmUp, string DumpFolder, TimeSpan Deadline, string? GcDumpFolder, bool KeepDump, TimeSpan Settle)
{
    public const string Usage = """
        usage: IcaKms.Circuits soak --icakms <IcaKms.Web.dll> [--circuits 10000] [--parallel 8] [--connect-every 2]
                                    [--warm-up 20] [--dump-folder /tmp] [--deadline-minutes 60] [--gcdump-folder DIR] [--keep-dump false]
                                    [--settle-seconds 75]
        --circuits: how many tabs are opened and closed, --parallel at a time.
        --connect-every N: every Nth tab also connects with the marker credential and inspects before it closes (0: none).
        --warm-up: tabs opened and closed before the first heap reading (JIT, caches).
        --dump-folder: where the heap dumps searched for the marker credential are written (deleted after the search).
        --settle-seconds: the wait after the last tab closed before the final reading (Blazor keeps a closed tab's circuit
          while a JS call it made is unanswered, up to its 1-minute JS interop timeout).
        --keep-dump true: keep the dump taken after the tabs closed (in --dump-folder), e.g. for dotnet-dump gcroot.
        --gcdump-folder: also write dotnet-gcdump files (live objects by type) before and after, kept there.
        """;

    public static SoakOptions? Parse(string[] args, out string? error)
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

        if (!values.TryGetValue("icakms", out string? icakms))
        {
            error = "--icakms is required.";
            return null;
        }

        int Int(string name, int fallback, int min, int max) =>
            Math.Clamp(values.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback, min, max);

        error = null;
        return new SoakOptions(
            icakms,
            Int("circuits", 10_000, 1, 1_000_000),
            Int("parallel", 8, 1, 200),
            Int("connect-every", 2, 0, 1_000_000),
            Int("warm-up", 20, 1, 1000),
            values.GetValueOrDefault("dump-folder", Path.GetTempPath()),
            TimeSpan.FromMinutes(Int("deadline-minutes", 60, 1, 24 * 60)),
            values.GetValueOrDefault("gcdump-folder"),
            values.GetValueOrDefault("keep-dump") == "true",
            TimeSpan.FromSeconds(Int("settle-seconds", 75, 0, 3600)));
    }
}
