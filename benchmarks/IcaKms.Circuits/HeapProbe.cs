using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace IcaKms.Circuits;

/// <summary>Managed heap and RSS of a server process after a forced full, blocking GC.</summary>
/// <param name="HeapBytes">Size of all generations (0, 1, 2, LOH, POH) right after the GC.</param>
/// <param name="LiveBytes">Bytes that survived the full GC: the live objects.</param>
/// <param name="RssBytes">VmRSS of the process after the GC.</param>
internal sealed record HeapSample(long HeapBytes, long LiveBytes, long RssBytes);

/// <summary>
/// Forces a full GC in another .NET process and reads its heap statistics, without any code in that process: an
/// EventPipe session (the diagnostics IPC socket every .NET process opens in /tmp) with the GCHeapCollect keyword makes
/// the runtime run an induced, blocking gen-2 GC, and the GC keyword reports GCHeapStats at its end. This is what
/// dotnet-gcdump does, minus the heap walk.
/// </summary>
internal static class HeapProbe
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    public static async Task<HeapSample> CollectAsync(int pid, TimeSpan deadline)
    {
        // Two GCs: the first runs finalizers' leftovers through, the second is the one reported.
        _ = await InduceOnceAsync(pid, deadline);
        (long heap, long live) = await InduceOnceAsync(pid, deadline);
        return new HeapSample(heap, live, ReadRss(pid));
    }

    private static async Task<(long Heap, long Live)> InduceOnceAsync(int pid, TimeSpan deadline)
    {
        var client = new DiagnosticsClient(pid);
        long keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        EventPipeProvider[] providers = [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, keywords)];
        using EventPipeSession session = client.StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 64);
        var result = new TaskCompletionSource<(long, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new EventPipeEventSource(session.EventStream);
        bool fullGcStarted = false;
        source.Clr.GCStart += data =>
        {
            if (data.Depth == 2)
            {
                fullGcStarted = true;
            }
        };
        source.Clr.GCHeapStats += (GCHeapStatsTraceData data) =>
        {
            if (fullGcStarted)
            {
                result.TrySetResult((data.TotalHeapSize, data.TotalPromoted));
            }
        };
        Task processing = Task.Run(() => source.Process());
        try
        {
            return await result.Task.WaitAsync(deadline);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing.WaitAsync(deadline);
        }
    }

    /// <summary>VmRSS from /proc/PID/status, in bytes.</summary>
    public static long ReadRss(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                string kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {pid}.");
    }
}
