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
        if (OptionValues.Parse(args, out error) is not { } values)
        {
            return null;
        }

        if (values.Text("icakms") is not { } icakms)
        {
            error = "--icakms is required.";
            return null;
        }

        return new SoakOptions(
            icakms,
            values.Int("circuits", 10_000, 1, 1_000_000),
            values.Int("parallel", 8, 1, 200),
            values.Int("connect-every", 2, 0, 1_000_000),
            values.Int("warm-up", 20, 1, 1000),
            values.Text("dump-folder", Path.GetTempPath()),
            TimeSpan.FromMinutes(values.Int("deadline-minutes", 60, 1, 24 * 60)),
            values.Text("gcdump-folder"),
            values.Text("keep-dump") == "true",
            TimeSpan.FromSeconds(values.Int("settle-seconds", 75, 0, 3600)));
    }
}
