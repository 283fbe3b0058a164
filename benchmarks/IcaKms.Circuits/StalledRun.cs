using System.Diagnostics;
using IcaKms.FakeAws;

namespace IcaKms.Circuits;

/// <summary>
/// "No thread held hostage": N sessions connect, then all inspect at once twice: first while the fake AWS holds every
/// answer before it starts (the control: the SDK waits for headers asynchronously, up to its per-attempt timeout), then
/// while it sends only the headers and half of each answer's body and then nothing (<see cref="FakeAwsFault.StalledBody"/>).
/// Prints how long the inspections took, what the pages said, the server's thread pool in each (threads, queued work
/// items), and a session run right after the endpoint recovered.
/// </summary>
internal static class StalledRun
{
    public static async Task<IReadOnlyList<LoadPhase>> RunAsync(LoadOptions options, FakeAwsServer aws, CancellationToken cancellation)
    {
        int n = options.Stalled;
        Console.WriteLine($"== slow AWS: {n} sessions inspect at once (IcaKms:AwsTimeout {options.AwsTimeout.TotalSeconds:F0} s; {LoadRun.LoadAverage()})");
        using ServerProcess server = await ServerProcess.StartAsync(options.IcaKmsDll,
            LoadRun.AppEnvironment(aws, new Dictionary<string, string> { ["IcaKms__AwsTimeout"] = options.AwsTimeout.ToString("c") }), TimeSpan.FromSeconds(90));
        await using ThreadPoolProbe pool = ThreadPoolProbe.Start(server.Pid);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var connecting = new LoadPhase($"connecting, N = {n}", n);
        var sessions = new WizardSession[n];
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            sessions[i] = new WizardSession(LoadRun.NewUser(), server.BaseUri, http);
            await connecting.TimeAsync(LoadAction.Open, async () => { await sessions[i].OpenAsync(cancellation); return true; });
            if (!await connecting.TimeAsync(LoadAction.Connect, () => sessions[i].ConnectAsync(cancellation)))
            {
                connecting.Errors.Add($"user {sessions[i].User.Number}: could not connect: {sessions[i].Message}");
            }
        }));
        Console.WriteLine($"   thread pool while {n} sessions opened and connected: {Describe(pool.Read())}");

        LoadPhase held = await InspectAllAsync($"answers held (control), N = {n}", sessions, server, pool, aws.HoldRequests, aws.ReleaseRequests, cancellation);
        LoadPhase stalled = await InspectAllAsync($"stalled bodies, N = {n}", sessions, server, pool,
            () => aws.Fault = FakeAwsFault.StalledBody, () => aws.Fault = FakeAwsFault.None, cancellation);
        foreach (string error in connecting.Errors)
        {
            stalled.Errors.Add(error);
        }

        // The endpoint answers again: a new session goes through every action.
        var recovery = new LoadPhase("after the stall", 1);
        WizardSession fresh = await LoadRun.RunSessionAsync(recovery, aws, server.BaseUri, http, cancellation);
        await LoadRun.FinishAsync(recovery, [fresh], server, pool, aws, PhaseClock.Start(server.Pid), null);
        Console.WriteLine($"   a new session right after: {(recovery.Completed == 1 ? "went through" : "FAILED")}: " +
            string.Join(", ", LoadAction.All.Select(a => $"{a} {LoadPhase.Percentile(recovery.Times(a), 50)?.TotalMilliseconds:F0} ms")));
        foreach (string error in recovery.Errors)
        {
            stalled.Errors.Add($"after the stall: {error}");
        }

        stalled.Memory = await HeapProbe.CollectAsync(server.Pid, TimeSpan.FromSeconds(60));
        foreach (WizardSession session in sessions)
        {
            await session.DisposeAsync();
        }

        return [held, stalled];
    }

    /// <summary>Every session inspects at once while the fault is on; the thread pool is read over that time only.</summary>
    private static async Task<LoadPhase> InspectAllAsync(string name, IReadOnlyList<WizardSession> sessions, ServerProcess server, ThreadPoolProbe pool,
        Action faultOn, Action faultOff, CancellationToken cancellation)
    {
        var phase = new LoadPhase(name, sessions.Count);
        pool.Reset();
        faultOn();
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
        faultOff();
        if (phase.Refusals.FirstOrDefault() is { Message: { } said })
        {
            Console.WriteLine($"   {name}: an inspection's page said: \"{(said.Length > 300 ? said[..300] + "…" : said)}\"");
        }

        Console.WriteLine($"   {name}: inspections p50 {LoadPhase.Percentile(phase.Times(LoadAction.Inspect), 50)?.TotalMilliseconds:F0} ms; thread pool {Describe(phase.Pool)}");
        return phase;
    }

    private static string Describe(ThreadPoolFigures pool) =>
        $"{pool.MaxThreads:F0} threads at most, queue at most {pool.MaxQueue:F0} (mean {pool.MeanQueue:F1}) over {pool.Samples} s, {pool.CompletedItems:F0} work items completed";
}
