using IcaKms.Core;
using System.Diagnostics;
using System.Globalization;
using IcaKms.Benchmarks;
using IcaKms.Core.Checks;

// Runs the full live inspection against gateways that cost a fixed latency per call, and compares the wall time with
// the sum of the calls' latencies: with the calls in parallel, the wall time is about the slowest chain.
if (args is ["--stalled-bodies", var count] && int.TryParse(count, CultureInfo.InvariantCulture, out int sessions) && sessions > 0)
{
    return await StalledBodies.RunAsync(sessions);
}

BenchmarkOptions? options = BenchmarkOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

await using IInspectionBackend backend = options.Mode == BenchmarkMode.Loopback
    ? new LoopbackBackend(options.Latency, options.AttachedPolicies)
    : new InMemoryBackend(options.Latency, options.AttachedPolicies);

// One unmeasured run warms up the JIT and the thread pool.
await Inspection.RunAsync(backend.Gateways, Scenario.Request);
backend.Settle();

var wallTimes = new List<TimeSpan>(options.Runs);
int calls = 0;
TimeSpan latencySum = TimeSpan.Zero;
IReadOnlyList<SetupCheck> checks = [];
for (int run = 0; run < options.Runs; run++)
{
    backend.Ledger.Reset();
    long started = Stopwatch.GetTimestamp();
    LiveSnapshot snapshot = await Inspection.RunAsync(backend.Gateways, Scenario.Request);
    wallTimes.Add(Stopwatch.GetElapsedTime(started));
    backend.Settle();
    calls = backend.Ledger.Calls;
    latencySum = backend.Ledger.LatencySum;
    checks = LiveChecks.Evaluate(snapshot, Scenario.Request);
}

wallTimes.Sort();
TimeSpan median = wallTimes.Count % 2 == 1
    ? wallTimes[wallTimes.Count / 2]
    : (wallTimes[(wallTimes.Count / 2) - 1] + wallTimes[wallTimes.Count / 2]) / 2;
int passed = checks.Count(c => c.State == CheckState.Pass);

Print($"IcaKms live inspection benchmark: {backend.Name} gateways, {options.Latency.TotalMilliseconds:0} ms per call, {options.Runs} runs, {options.AttachedPolicies} attached policies");
Print($"  calls per inspection     {calls}");
Print($"  sum of call latencies    {latencySum.TotalMilliseconds,8:0.0} ms");
Print($"  slowest chain            {(backend.SlowestChain.Depth * options.Latency).TotalMilliseconds,8:0.0} ms   ({backend.SlowestChain.Depth} calls deep: {backend.SlowestChain.Description})");
Print($"  wall time (median)       {median.TotalMilliseconds,8:0.0} ms   (min {wallTimes[0].TotalMilliseconds:0.0}, max {wallTimes[^1].TotalMilliseconds:0.0})");
Print($"  ratio (sum / wall)       {latencySum / median,8:0.0}x");
Print($"  checks                   {passed} of {checks.Count} pass");
return 0;

static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
