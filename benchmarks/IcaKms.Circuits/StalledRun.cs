using System.Diagnostics;
using IcaKms.FakeAws;

namespace IcaKms.Circuits;

/// <summary>
/// "No thread held hostage": N sessions connect, then all inspect at once while the fake AWS sends only the headers and
/// half of each answer's body and then nothing (<see cref="FakeAwsFault.StalledBody"/>). Prints how long the inspections
/// took and what the pages said, the server's thread pool meanwhile (threads, queued work items), and a session run
/// right after the endpoint recovered.
/// </summary>
internal static class StalledRun
{
    public static async Task<LoadPhase> RunAsync(LoadOptions options, FakeAwsServer aws, CancellationToken cancellation)
    {
        int n = options.Stalled;
        Console.WriteLine($"== stalled bodies: {n} sessions inspect at once (IcaKms:AwsTimeout {options.AwsTimeout.TotalSeconds:F0} s; {LoadRun.LoadAverage()})");
        var phase = new LoadPhase($"stalled bodies, N = {n}", n);
        using ServerProcess server = await ServerProcess.StartAsync(options.IcaKmsDll,
            LoadRun.AppEnvironment(aws, new Dictionary<string, string> { ["IcaKms__AwsTimeout"] = options.AwsTimeout.ToString("c") }), TimeSpan.FromSeconds(90));
        await using ThreadPoolProbe pool = ThreadPoolProbe.Start(server.Pid);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var sessions = new WizardSession[n];
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            sessions[i] = new WizardSession(LoadRun.NewUser(), server.BaseUri, http);
            await phase.TimeAsync(LoadAction.Open, async () => { await sessions[i].OpenAsync(cancellation); return true; });
            if (!await phase.TimeAsync(LoadAction.Connect, () => sessions[i].ConnectAsync(cancellation)))
            {
                phase.Errors.Add($"user {sessions[i].User.Number}: could not connect: {sessions[i].Message}");
            }
        }));

        ThreadPoolFigures before = pool.Read();
        pool.Reset();
        aws.Fault = FakeAwsFault.StalledBody;
        await using var rss = new RssWatch(server.Pid);
        long started = Stopwatch.GetTimestamp();
        await Task.WhenAll(sessions.Select(async session =>
        {
            try
            {
                bool shown = await phase.TimeAsync(LoadAction.Inspect, () => session.InspectAsync(cancellation));
                phase.Refusals.Add((LoadAction.Inspect, shown ? session.TextOf("live-checks") : session.Message ?? ""));
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                phase.Errors.Add($"user {session.User.Number}: {e.GetType().Name}: {e.Message}");
            }
        }));
        phase.Wall = Stopwatch.GetElapsedTime(started);
        phase.Pool = pool.Read();
        phase.PeakRss = rss.Peak;
        aws.Fault = FakeAwsFault.None;
        if (phase.Refusals.FirstOrDefault() is { Message: { } said })
        {
            Console.WriteLine($"   a stalled inspection's page said: \"{(said.Length > 400 ? said[..400] + "…" : said)}\"");
        }

        Console.WriteLine($"   thread pool before the stall: {before.MaxThreads:F0} threads at most, queue at most {before.MaxQueue:F0}");
        Console.WriteLine($"   during the stalled inspections ({phase.Pool.Samples} s sampled): {phase.Pool.MaxThreads:F0} threads at most, queue at most {phase.Pool.MaxQueue:F0} (mean {phase.Pool.MeanQueue:F1}), {phase.Pool.CompletedItems:F0} work items completed");

        // The endpoint answers again: a new session goes through every action.
        var recovery = new LoadPhase("after the stall", 1);
        WizardSession fresh = await LoadRun.RunSessionAsync(recovery, aws, server.BaseUri, http, cancellation);
        await LoadRun.FinishAsync(recovery, [fresh], server, pool, aws, Stopwatch.GetTimestamp(), null);
        Console.WriteLine($"   a new session right after: {(recovery.Completed == 1 ? "went through" : "FAILED")}: " +
            string.Join(", ", LoadAction.All.Select(a => $"{a} {LoadPhase.Percentile(recovery.Times(a), 50)?.TotalMilliseconds:F0} ms")));
        foreach (string error in recovery.Errors)
        {
            phase.Errors.Add($"after the stall: {error}");
        }

        phase.Memory = await HeapProbe.CollectAsync(server.Pid, TimeSpan.FromSeconds(60));
        foreach (WizardSession session in sessions)
        {
            await session.DisposeAsync();
        }

        return phase;
    }
}
