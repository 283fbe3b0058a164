using System.Globalization;

namespace IcaKms.Circuits;

/// <summary>Command line of the load benchmark (<c>IcaKms.Circuits load ...</c>, see scripts/load.sh).</summary>
internal sealed record LoadOptions(
    string IcaKmsDll,
    IReadOnlyList<int> Users,
    int BaselineUsers,
    TimeSpan Latency,
    int Stalled,
    int Shed,
    int ShedInspectionsPerMinute,
    int ShedCredentialChecksPerMinute,
    TimeSpan AwsTimeout,
    TimeSpan Deadline)
{
    public const string Usage = """
        usage: IcaKms.Circuits load --icakms <IcaKms.Web.dll> [--users 10,50,200] [--baseline 10] [--latency-ms 20]
                                    [--stalled 0] [--shed 0] [--shed-inspections 10] [--shed-connects 30]
                                    [--aws-timeout-seconds 2] [--deadline-minutes 30]
        --users: the numbers of simultaneous sessions, one run each (0 or empty: none).
        --baseline: that many sessions one after the other first, the single-user figures the ratios are taken against.
        --latency-ms: the fake AWS's delay before each answer.
        --stalled N: N sessions connect, then inspect against a fake AWS whose answers' bodies stall (0: skip).
        --shed N: N sessions against an instance with per-user limits (inspections and connects per minute) (0: skip).
        --aws-timeout-seconds: the app's per-attempt AWS timeout in the stalled run (IcaKms:AwsTimeout).
        """;

    public static LoadOptions? Parse(string[] args, out string? error)
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

        return new LoadOptions(
            icakms,
            [.. values.Text("users", "10,50,200").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(n => Math.Clamp(int.Parse(n, CultureInfo.InvariantCulture), 0, 2000)).Where(n => n > 0)],
            values.Int("baseline", 10, 1, 100),
            TimeSpan.FromMilliseconds(values.Int("latency-ms", 20, 0, 10_000)),
            values.Int("stalled", 0, 0, 2000),
            values.Int("shed", 0, 0, 2000),
            values.Int("shed-inspections", 10, 1, 10_000),
            values.Int("shed-connects", 30, 1, 10_000),
            TimeSpan.FromSeconds(values.Int("aws-timeout-seconds", 2, 1, 60)),
            TimeSpan.FromMinutes(values.Int("deadline-minutes", 30, 1, 240)));
    }
}
