using System.Diagnostics;

namespace IcaKms.Circuits;

/// <summary>
/// Where a run's time went: its wall time, and the CPU time the server and this process (the N clients and the fake AWS)
/// used in it. On a machine whose cores the three share, CPU used ÷ (wall × cores) near 1 says the run waited for CPU,
/// not for a lock or for AWS.
/// </summary>
internal readonly record struct PhaseClock(long Started, TimeSpan ServerCpu, TimeSpan OwnCpu, int ServerPid)
{
    /// <summary>Starts the clock now.</summary>
    public static PhaseClock Start(int serverPid) =>
        new(Stopwatch.GetTimestamp(), ServerCpuNow(serverPid), Process.GetCurrentProcess().TotalProcessorTime, serverPid);

    /// <summary>Wall time since the start.</summary>
    public TimeSpan Wall => Stopwatch.GetElapsedTime(Started);

    /// <summary>The server's CPU time since the start.</summary>
    public TimeSpan ServerCpuSince => ServerCpuNow(ServerPid) - ServerCpu;

    /// <summary>This process's CPU time since the start (clients and fake AWS).</summary>
    public TimeSpan OwnCpuSince => Process.GetCurrentProcess().TotalProcessorTime - OwnCpu;

    private static TimeSpan ServerCpuNow(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }
}
