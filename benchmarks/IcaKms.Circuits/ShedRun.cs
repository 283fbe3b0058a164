using System.Diagnostics;
using IcaKms.FakeAws;

namespace IcaKms.Circuits;

/// <summary>
/// The rate limits shed load: N sessions against an instance whose per-user limits (IcaKms:RateLimits; every session
/// comes from 127.0.0.1 without a sign-in, so they are one "user") allow fewer connects and inspections than asked for.
/// Every refused session must show the limit's message in the page and keep a working circuit: no error page.
/// </summary>
internal static class ShedRun
{
    public static async Task<LoadPhase> RunAsync(LoadOptions options, FakeAwsServer aws, CancellationToken cancellation)
    {
        int n = options.Shed;
        Console.WriteLine($"== rate limits: {n} sessions, {options.ShedCredentialChecksPerMinute} connects and {options.ShedInspectionsPerMinute} inspections a minute allowed ({LoadRun.LoadAverage()})");
        var phase = new LoadPhase($"rate-limited, N = {n}", n);
        using ServerProcess server = await ServerProcess.StartAsync(options.IcaKmsDll, LoadRun.AppEnvironment(aws, new Dictionary<string, string>
        {
            ["IcaKms__RateLimits__CredentialChecksPerMinute"] = options.ShedCredentialChecksPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IcaKms__RateLimits__InspectionsPerMinute"] = options.ShedInspectionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), TimeSpan.FromSeconds(90));
        await using ThreadPoolProbe pool = ThreadPoolProbe.Start(server.Pid);
        await using var rss = new RssWatch(server.Pid);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        PhaseClock started = PhaseClock.Start(server.Pid);
        WizardSession[] sessions = await Task.WhenAll(Enumerable.Range(0, n).Select(_ => LoadRun.RunSessionAsync(phase, aws, server.BaseUri, http, cancellation)));

        // A refused session is still a working wizard that says why: its circuit is alive and its panel is there.
        foreach (WizardSession session in sessions.Where(s => !s.Finished))
        {
            if (session.CircuitError is { } error)
            {
                phase.Errors.Add($"user {session.User.Number}: refused with a broken circuit: {error}");
            }
            else if (string.IsNullOrEmpty(session.TextOf("connection-panel")))
            {
                phase.Errors.Add($"user {session.User.Number}: refused, and the wizard is gone");
            }
        }

        int refusedWithMessage = phase.Refusals.Count(r => r.Message.Contains("Too many", StringComparison.Ordinal));
        if (refusedWithMessage != phase.Refusals.Count)
        {
            phase.Errors.Add($"{phase.Refusals.Count - refusedWithMessage} refusals without the limit's message");
        }

        await LoadRun.FinishAsync(phase, sessions, server, pool, aws, started, rss);
        foreach (IGrouping<string, (string Action, string Message)> refused in phase.Refusals.GroupBy(r => r.Action))
        {
            Console.WriteLine($"   {refused.Count()} {refused.Key}s refused; the page said: \"{refused.First().Message}\"");
        }

        return phase;
    }
}
