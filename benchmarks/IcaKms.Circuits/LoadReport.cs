using System.Globalization;

namespace IcaKms.Circuits;

/// <summary>Prints the load benchmark's tables (Markdown): one line per run, then the times of each action.</summary>
internal static class LoadReport
{
    public static void Print(IReadOnlyList<LoadPhase> phases, LoadOptions options)
    {
        LoadPhase baseline = phases[0];
        Console.WriteLine();
        Console.WriteLine($"fake AWS latency {options.Latency.TotalMilliseconds:F0} ms per answer; {Environment.ProcessorCount} cores; {LoadRun.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| run | sessions | completed and checked | errors | refused with a message | wall time | sessions/s | heap (live) after a full GC, sessions held | peak RSS | pool threads (max) | pool queue (max / mean) | CPU: server / clients + fake AWS, share of the cores' time |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (LoadPhase phase in phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {phase.Name} | {phase.Sessions} | {phase.Completed} | {phase.Errors.Count} | {phase.Refusals.Count(r => r.Message.Contains("Too many", StringComparison.Ordinal))} | {phase.Wall.TotalSeconds:F1} s | {phase.Completed / Math.Max(0.001, phase.Wall.TotalSeconds):F2} | {Mb(phase.Memory?.HeapBytes)} ({Mb(phase.Memory?.LiveBytes)}) | {Mb(phase.PeakRss)} | {phase.Pool?.MaxThreads:F0} | {phase.Pool?.MaxQueue:F0} / {phase.Pool?.MeanQueue:F1} | {Cpu(phase)} |"));
        }

        foreach (string action in LoadAction.All)
        {
            Console.WriteLine();
            Console.WriteLine($"{action}: p50 / p95 / p99, and p95 against the single user's");
            Console.WriteLine();
            Console.WriteLine("| run | samples | p50 | p95 | p99 | p95 / single user p95 |");
            Console.WriteLine("|---|---|---|---|---|---|");
            TimeSpan? single = LoadPhase.Percentile(baseline.Times(action), 95);
            foreach (LoadPhase phase in phases)
            {
                IReadOnlyList<TimeSpan> times = phase.Times(action);
                if (times.Count == 0)
                {
                    continue;
                }

                TimeSpan? p95 = LoadPhase.Percentile(times, 95);
                string ratio = single is { } s && p95 is { } p && s > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{p / s:F2}×") : "";
                Console.WriteLine($"| {phase.Name} | {times.Count} | {Ms(LoadPhase.Percentile(times, 50))} | {Ms(p95)} | {Ms(LoadPhase.Percentile(times, 99))} | {ratio} |");
            }
        }

        foreach (LoadPhase phase in phases.Where(p => !p.Errors.IsEmpty))
        {
            Console.WriteLine();
            Console.WriteLine($"errors of {phase.Name}, by kind ({phase.Errors.Count}):");
            foreach (IGrouping<string, string> kind in phase.Errors.GroupBy(Kind).OrderByDescending(g => g.Count()))
            {
                Console.WriteLine($"- {kind.Count()} × {kind.Key}");
            }
        }
    }

    /// <summary>
    /// The CPU the run used: the server's and this process's seconds, and their sum as a share of what the cores could
    /// give in the wall time (near 100 %: the run waited for CPU).
    /// </summary>
    private static string Cpu(LoadPhase phase)
    {
        double capacity = phase.Wall.TotalSeconds * Environment.ProcessorCount;
        double used = phase.ServerCpu.TotalSeconds + phase.OwnCpu.TotalSeconds;
        return capacity <= 0 || used <= 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $"{phase.ServerCpu.TotalSeconds:F1} s / {phase.OwnCpu.TotalSeconds:F1} s, {used / capacity:P0}");
    }

    /// <summary>An error without the user, names and figures, so that the same failure of many sessions counts once.</summary>
    private static string Kind(string error)
    {
        string text = System.Text.RegularExpressions.Regex.Replace(error, @"^user \d+: ", "");
        text = LoadUser.BucketPattern().Replace(text, "BUCKET");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"arn:aws:kms:[^ ,]+", "KEY");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
        string failed = text.Contains("— failed", StringComparison.Ordinal) ? text[text.IndexOf("— failed", StringComparison.Ordinal)..] : text;
        return failed.Length > 160 ? failed[..160] + "…" : failed;
    }

    private static string Ms(TimeSpan? t) => t is { } time ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:F0} ms") : "—";

    private static string Mb(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0 / 1024:F0} MB") : "—";
}
