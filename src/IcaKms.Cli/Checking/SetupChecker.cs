using IcaKms.Cli.Aws;
using IcaKms.Cli.Setups;
using IcaKms.Core.Checks;
using IcaKms.Core.Setup;

namespace IcaKms.Cli.Checking;

/// <summary>
/// Checks setups live, as the wizard's inspection does (Core's <see cref="Inspection"/> then <see cref="LiveChecks"/>),
/// several at once up to a bound: each setup's own calls already run side by side, so the run takes about as long as
/// its slowest setup while no more than the bound's worth of setups hit AWS together.
/// </summary>
internal static class SetupChecker
{
    /// <summary>The default bound on setups checked at once.</summary>
    public const int DefaultParallelism = 16;

    public static async Task<CheckRun> RunAsync(
        CliHost host, IReadOnlyList<SelectedSetup> setups, string? profile, Uri? endpoint, int parallelism, CancellationToken ct)
    {
        long started = host.Time.GetTimestamp();
        (AwsAccess? access, string? problem) = await AwsAccess.OpenAsync(host, profile, endpoint, setups[0].Inputs.AwsRegion.Trim(), ct).ConfigureAwait(false);
        if (access is null)
        {
            return new CheckRun([.. setups.Select(s => new SetupReport(s, [], problem, TimeSpan.Zero))], null, host.Time.GetElapsedTime(started));
        }

        var reports = new SetupReport[setups.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, setups.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (index, token) => reports[index] = await CheckOneAsync(host, access, setups[index], token).ConfigureAwait(false)).ConfigureAwait(false);
        return new CheckRun(reports, access.Session.Identity.Arn, host.Time.GetElapsedTime(started));
    }

    private static async Task<SetupReport> CheckOneAsync(CliHost host, AwsAccess access, SelectedSetup setup, CancellationToken ct)
    {
        long started = host.Time.GetTimestamp();
        InspectionRequest request = InspectionRequest.Create(setup.Inputs, SetupValidation.Of(setup.Inputs));
        LiveSnapshot snapshot = await Inspection.RunAsync(
            access.Gateways(request.AwsRegion), request, ct, host.Time, s3InRegion: region => access.Gateways(region).S3).ConfigureAwait(false);
        IReadOnlyList<SetupCheck> checks = LiveChecks.Evaluate(snapshot, request);
        string? problem = CheckSummary.Overall(checks) == Core.CheckState.NotChecked
            ? "Not one check could be made: " + (checks.FirstOrDefault()?.Finding ?? "AWS answered none of the reads.")
            : null;
        return new SetupReport(setup, checks, problem, host.Time.GetElapsedTime(started));
    }
}
