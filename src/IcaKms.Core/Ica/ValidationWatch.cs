using System.Runtime.CompilerServices;

namespace IcaKms.Core.Ica;

/// <summary>Where a watched validation stands: the last status read, how many reads, how long so far.</summary>
/// <param name="Configuration">The configuration as last read, or null before the first answer.</param>
/// <param name="Reads">How many status reads were made.</param>
/// <param name="Elapsed">Time since the watch started.</param>
/// <param name="TimedOut">True when the time limit passed before ICA settled.</param>
/// <param name="Failure">The failure of the last read, when it failed (the watch then stops).</param>
public sealed record ValidationProgress(StorageConfiguration? Configuration, int Reads, TimeSpan Elapsed, bool TimedOut = false, IcaFailure? Failure = null)
{
    /// <summary>True once the watch ended: settled, timed out or failed.</summary>
    public bool IsOver => TimedOut || Failure is not null || Configuration?.IsSettled == true;
}

/// <summary>
/// Watches a configuration's <c>status</c> after <c>:validate</c> (ICA validates in the background): reads it with a
/// back-off (<see cref="FirstDelay"/>, doubling, at most <see cref="MaxDelay"/>) until <c>OK</c> or <c>ERROR</c>, a failed
/// read, or the time limit.
/// </summary>
public sealed class ValidationWatch(TimeProvider time)
{
    /// <summary>The wait before the first read.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two reads.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to watch before giving up (ICA may still finish later).</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The waits before each read, in order, within <see cref="Limit"/>.</summary>
    public IEnumerable<TimeSpan> Delays()
    {
        TimeSpan delay = FirstDelay;
        TimeSpan total = TimeSpan.Zero;
        while (total + delay <= Limit)
        {
            yield return delay;
            total += delay;
            delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
        }
    }

    /// <summary>
    /// Watches until the validation is over, yielding every read; the last item is the end (settled, a failed read, or
    /// <see cref="ValidationProgress.TimedOut"/>). The caller's own awaits resume where it awaits (e.g. a circuit).
    /// </summary>
    public async IAsyncEnumerable<ValidationProgress> WatchAsync(IIcaClient ica, string configurationId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ica);
        long started = time.GetTimestamp();
        var progress = new ValidationProgress(null, 0, TimeSpan.Zero);
        foreach (TimeSpan delay in Delays())
        {
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            Result<StorageConfiguration, IcaFailure> read = await ica.GetStorageConfigurationAsync(configurationId, ct).ConfigureAwait(false);
            progress = new ValidationProgress(read.Value ?? progress.Configuration, progress.Reads + 1, time.GetElapsedTime(started), Failure: read.Failure);
            yield return progress;
            if (progress.IsOver)
            {
                yield break;
            }
        }

        yield return progress with { TimedOut = true, Elapsed = time.GetElapsedTime(started) };
    }
}
