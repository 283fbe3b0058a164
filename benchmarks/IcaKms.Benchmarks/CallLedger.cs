namespace IcaKms.Benchmarks;

/// <summary>Counts the gateway calls of one inspection and adds up the latency each one waited.</summary>
internal sealed class CallLedger
{
    /// <summary>Records <paramref name="count"/> calls that each waited <paramref name="latency"/>.</summary>
    public void Record(int count, TimeSpan latency)
    {
        Interlocked.Add(ref _calls, count);
        Interlocked.Add(ref _latencyTicks, latency.Ticks * count);
    }

    private int _calls;
    private long _latencyTicks;

    public int Calls => Volatile.Read(ref _calls);

    public TimeSpan LatencySum => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));

    public void Record(TimeSpan latency)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _latencyTicks, latency.Ticks);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _latencyTicks, 0);
    }
}
