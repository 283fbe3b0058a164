using System.Collections.Concurrent;
using System.Diagnostics;

namespace IcaKms.Circuits;

/// <summary>The actions a session times.</summary>
internal static class LoadAction
{
    public const string Open = "open (page + circuit)";
    public const string Connect = "connect";
    public const string Inspect = "inspect";
    public const string Plan = "plan";
    public const string Apply = "apply";

    public static readonly string[] All = [Open, Connect, Inspect, Plan, Apply];
}

/// <summary>What one run of N sessions measured: times per action, outcomes, the server's memory and thread pool.</summary>
internal sealed class LoadPhase(string name, int sessions)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<TimeSpan>> _times = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public int Sessions { get; } = sessions;

    /// <summary>Sessions that went through every action and whose page and bucket were their own.</summary>
    public int Completed => _completed;

    private int _completed;

    /// <summary>Failures: an exception, a circuit error, a change not done, a session that saw another's data.</summary>
    public ConcurrentBag<string> Errors { get; } = [];

    /// <summary>Actions the server refused with a message shown in the page (action → message).</summary>
    public ConcurrentBag<(string Action, string Message)> Refusals { get; } = [];

    public TimeSpan Wall { get; set; }

    /// <summary>CPU time the server used during the run.</summary>
    public TimeSpan ServerCpu { get; set; }

    /// <summary>CPU time this process (the clients and the fake AWS) used during the run.</summary>
    public TimeSpan OwnCpu { get; set; }

    public HeapSample? Memory { get; set; }

    public long PeakRss { get; set; }

    public ThreadPoolFigures? Pool { get; set; }

    public void Record(string action, TimeSpan elapsed) => _times.GetOrAdd(action, _ => []).Add(elapsed);

    /// <summary>Runs an action and records its time.</summary>
    public async Task<T> TimeAsync<T>(string action, Func<Task<T>> run)
    {
        long started = Stopwatch.GetTimestamp();
        T result = await run();
        Record(action, Stopwatch.GetElapsedTime(started));
        return result;
    }

    public void Complete() => Interlocked.Increment(ref _completed);

    public IReadOnlyList<TimeSpan> Times(string action) => _times.TryGetValue(action, out ConcurrentBag<TimeSpan>? bag) ? [.. bag] : [];

    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>Samples a process's RSS from /proc every 200 ms, keeping the highest.</summary>
internal sealed class RssWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public RssWatch(int pid) => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                long rss = HeapProbe.ReadRss(pid);
                if (rss > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, rss);
                }

                await Task.Delay(200, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                return;
            }
        }
    });

    public long Peak => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
