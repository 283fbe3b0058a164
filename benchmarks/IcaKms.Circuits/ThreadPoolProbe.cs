using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace IcaKms.Circuits;

/// <summary>What the thread pool of the server did while it was watched (one sample a second).</summary>
/// <param name="Samples">How many one-second samples arrived.</param>
/// <param name="MaxThreads">The most pool threads (threadpool-thread-count).</param>
/// <param name="MaxQueue">The longest queue of work items waiting for a thread (threadpool-queue-length).</param>
/// <param name="MeanQueue">The mean of the queue length over the samples.</param>
/// <param name="CompletedItems">Work items completed meanwhile.</param>
internal sealed record ThreadPoolFigures(int Samples, double MaxThreads, double MaxQueue, double MeanQueue, double CompletedItems);

/// <summary>
/// Watches another .NET process's thread pool without any code in it: the runtime's <c>System.Runtime</c> event
/// counters over an EventPipe session (what dotnet-counters reads), one report a second.
/// </summary>
internal sealed class ThreadPoolProbe : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _processing;
    private readonly Lock _gate = new();
    private readonly List<(string Name, double Value)> _values = [];

    private ThreadPoolProbe(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += OnEvent;
        _processing = Task.Run(() => _source.Process());
    }

    public static ThreadPoolProbe Start(int pid)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, (long)EventKeywords.None,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        return new ThreadPoolProbe(new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false, circularBufferMB: 16));
    }

    /// <summary>The figures since the start, or since the last <see cref="Reset"/>.</summary>
    public ThreadPoolFigures Read()
    {
        lock (_gate)
        {
            double[] threads = Values("threadpool-thread-count");
            double[] queue = Values("threadpool-queue-length");
            return new ThreadPoolFigures(threads.Length, threads.DefaultIfEmpty().Max(), queue.DefaultIfEmpty().Max(),
                queue.DefaultIfEmpty().Average(), Values("threadpool-completed-items-count").Sum());
        }
    }

    /// <summary>Forgets the samples so far.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _values.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
            await _processing.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is ServerNotAvailableException or TimeoutException or EndOfStreamException or IOException)
        {
            // the server is gone
        }

        _source.Dispose();
        _session.Dispose();
    }

    private double[] Values(string name) => [.. _values.Where(v => v.Name == name).Select(v => v.Value)];

    private void OnEvent(TraceEvent data)
    {

        // The event's one field is a struct (TraceEvent's StructValue, a dictionary) whose name EventPipe leaves empty.
        if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> payload)
        {
            return;
        }

        // EventPipe wraps the counter's fields in one more "Payload" (as dotnet-counters reads them).
        if (payload.TryGetValue("Payload", out object? inner) && inner is IDictionary<string, object> fields)
        {
            payload = fields;
        }

        if (!payload.TryGetValue("Name", out object? name))
        {
            return;
        }

        // A polling counter reports its Mean, an incrementing one its Increment.
        object? value = payload.TryGetValue("Increment", out object? increment) ? increment : payload.TryGetValue("Mean", out object? mean) ? mean : null;
        if (value is IConvertible number)
        {
            lock (_gate)
            {
                _values.Add(((string)name, number.ToDouble(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }
}
