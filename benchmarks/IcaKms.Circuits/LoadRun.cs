using System.Diagnostics;
using IcaKms.FakeAws;

namespace IcaKms.Circuits;

/// <summary>
/// The load benchmark (issue 23, "Many users at once"): IcaKms.Web as its own process against a loopback fake AWS with
/// a delay on every answer, and N simultaneous sessions driven over the Blazor protocol (<see cref="WizardSession"/>),
/// each with its own credentials, bucket and key: open, connect, inspect, plan and apply the bucket's part. First a
/// single-user baseline (sessions one after the other), then each N; then, if asked, a run whose AWS answers stall and a
/// run against an instance with per-user rate limits.
/// </summary>
internal static class LoadRun
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private static int s_nextUser;

    public static async Task<int> MainAsync(string[] args)
    {
        LoadOptions? options = LoadOptions.Parse(args, out string? error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        using var overall = new CancellationTokenSource(options.Deadline);
        CancellationToken cancellation = overall.Token;
        int users = options.BaselineUsers + options.Users.Sum() + options.Stalled + options.Shed + 10;
        FakeAwsScenario scenario = Scenario(users, options.Latency);
        await using FakeAwsServer aws = FakeAwsServer.Start(scenario);
        Console.WriteLine($"fake AWS at {aws.Url} ({options.Latency.TotalMilliseconds:F0} ms per answer, {users} users); {Environment.ProcessorCount} cores; {LoadAverage()}");

        var phases = new List<LoadPhase>();
        using (ServerProcess server = await ServerProcess.StartAsync(options.IcaKmsDll, AppEnvironment(aws, new Dictionary<string, string>()), StartDeadline))
        {
            await using ThreadPoolProbe pool = ThreadPoolProbe.Start(server.Pid);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
            // Two untimed sessions first: the baseline then measures a warm server (JIT, caches), as the later runs do.
            var warmUp = new LoadPhase("warm-up", 2);
            for (int i = 0; i < 2; i++)
            {
                await (await RunSessionAsync(warmUp, aws, server.BaseUri, http, cancellation)).DisposeAsync();
            }

            var baseline = new LoadPhase("single user", options.BaselineUsers);
            PhaseClock started = PhaseClock.Start(server.Pid);
            var held = new List<WizardSession>();
            for (int i = 0; i < options.BaselineUsers; i++)
            {
                held.Add(await RunSessionAsync(baseline, aws, server.BaseUri, http, cancellation));
            }

            await FinishAsync(baseline, held, server, pool, aws, started, null);
            phases.Add(baseline);
            foreach (int n in options.Users)
            {
                phases.Add(await RunManyAsync(n, aws, server, pool, http, cancellation));
            }
        }

        if (options.Stalled > 0)
        {
            phases.AddRange(await StalledRun.RunAsync(options, aws, cancellation));
        }

        if (options.Shed > 0)
        {
            phases.Add(await ShedRun.RunAsync(options, aws, cancellation));
        }

        LoadReport.Print(phases, options);
        Console.WriteLine($"after the run: {LoadAverage()}");
        return phases.Any(p => !p.Errors.IsEmpty) ? 1 : 0;
    }

    /// <summary>The next user of the fake account (each session has one of its own).</summary>
    public static LoadUser NewUser() => new(Interlocked.Increment(ref s_nextUser));

    /// <summary>The app's environment: the fake AWS as its endpoint, nothing else off the machine.</summary>
    public static Dictionary<string, string> AppEnvironment(FakeAwsServer aws, IReadOnlyDictionary<string, string> more)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["IcaKms__AwsEndpointUrl"] = aws.Url.ToString(),
        };
        foreach ((string key, string value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>The machine's load average (/proc/loadavg), as uptime prints it.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "load average unknown";

    private static async Task<LoadPhase> RunManyAsync(int n, FakeAwsServer aws, ServerProcess server, ThreadPoolProbe pool, HttpClient http, CancellationToken cancellation)
    {
        Console.WriteLine($"== {n} simultaneous sessions ({LoadAverage()})");
        var phase = new LoadPhase($"N = {n}", n);
        pool.Reset();
        await using var rss = new RssWatch(server.Pid);
        PhaseClock started = PhaseClock.Start(server.Pid);
        WizardSession[] sessions = await Task.WhenAll(Enumerable.Range(0, n).Select(_ => RunSessionAsync(phase, aws, server.BaseUri, http, cancellation)));
        await FinishAsync(phase, sessions, server, pool, aws, started, rss);
        return phase;
    }

    /// <summary>Checks every session's page and bucket, reads the server's memory with the circuits held, and closes them.</summary>
    public static async Task FinishAsync(LoadPhase phase, IReadOnlyList<WizardSession> sessions, ServerProcess server, ThreadPoolProbe pool, FakeAwsServer aws,
        PhaseClock started, RssWatch? rss)
    {
        phase.Wall = started.Wall;
        phase.ServerCpu = started.ServerCpuSince;
        phase.OwnCpu = started.OwnCpuSince;
        phase.Pool = pool.Read();
        phase.PeakRss = rss?.Peak ?? HeapProbe.ReadRss(server.Pid);
        foreach (WizardSession session in sessions.Where(s => s.Finished))
        {
            if (SessionCheck.Problem(session, aws) is { } problem)
            {
                phase.Errors.Add($"user {session.User.Number}: {problem}");
            }
            else
            {
                phase.Complete();
            }
        }

        phase.Memory = await HeapProbe.CollectAsync(server.Pid, TimeSpan.FromSeconds(60));
        foreach (WizardSession session in sessions)
        {
            await session.DisposeAsync();
        }

        Console.WriteLine($"   {phase.Completed}/{phase.Sessions} sessions completed and checked, {phase.Errors.Count} errors, {phase.Refusals.Count} refusals, {phase.Wall.TotalSeconds:F1} s");
        foreach (string error in phase.Errors.Take(5))
        {
            Console.WriteLine($"   error: {error}");
        }
    }

    /// <summary>One session: open, connect, inspect, plan, apply, each timed; the session stays open.</summary>
    public static async Task<WizardSession> RunSessionAsync(LoadPhase phase, FakeAwsServer aws, Uri baseUri, HttpClient http, CancellationToken cancellation)
    {
        var session = new WizardSession(NewUser(), baseUri, http);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        CancellationToken token = timeout.Token;
        try
        {
            await phase.TimeAsync(LoadAction.Open, async () => { await session.OpenAsync(token); return true; });
            if (!await phase.TimeAsync(LoadAction.Connect, () => session.ConnectAsync(token)))
            {
                phase.Refusals.Add((LoadAction.Connect, session.Message ?? ""));
                return session;
            }

            if (!await phase.TimeAsync(LoadAction.Inspect, () => session.InspectAsync(token)))
            {
                phase.Refusals.Add((LoadAction.Inspect, session.Message ?? ""));
                return session;
            }

            int changes = await phase.TimeAsync(LoadAction.Plan, () => session.PlanAsync(token));
            if (changes == 0)
            {
                phase.Errors.Add($"user {session.User.Number}: nothing planned: {session.Message}");
                return session;
            }

            if (!await phase.TimeAsync(LoadAction.Apply, () => session.ApplyAsync(changes, token)))
            {
                phase.Errors.Add($"user {session.User.Number}: {session.Applied.Done} of {changes} changes done: {session.Message}");
                return session;
            }

            session.Finished = true;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or InvalidOperationException or HttpRequestException
            or Microsoft.AspNetCore.SignalR.HubException or IOException)
        {
            phase.Errors.Add($"user {session.User.Number}: {e.GetType().Name}: {e.Message}");
        }

        return session;
    }

    /// <summary>An account without the users' buckets, with a key, an access key and a caller for each user.</summary>
    public static FakeAwsScenario Scenario(int users, TimeSpan latency)
    {
        var all = Enumerable.Range(1, users).Select(n => new LoadUser(n)).ToList();
        return new FakeAwsScenario
        {
            AccountId = LoadUser.Account,
            BucketExists = false,
            Latency = latency,
            Credentials = all.ToDictionary(u => u.AccessKeyId, u => u.CallerArn, StringComparer.Ordinal),
            Keys = [.. all.Select(u => new FakeKmsKey(u.KeyArn) { Description = $"load user {u.Number}", Policy = FakeAwsScenario.KeyPolicy(LoadUser.Account) })],
        };
    }
}
