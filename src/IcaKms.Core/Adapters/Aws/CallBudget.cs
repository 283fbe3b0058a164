using System.Globalization;
using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// How long one AWS call may take: each attempt gets <see cref="PerAttempt"/>, the SDK makes at most
/// <see cref="Attempts"/> of them, and the whole call (retries, back-off and reading the answer) ends at
/// <see cref="Deadline"/>. The SDK's own per-attempt timeout only covers waiting for the answer's headers
/// (<c>ClientConfig.ReadWriteTimeout</c> exists only on .NET Framework); <see cref="BufferedAnswerHandler"/> extends it to
/// the body on the app's transport, and the deadline ends the call whatever the transport.
/// </summary>
/// <param name="PerAttempt">The time allowed for one HTTP attempt.</param>
/// <param name="Attempts">How many attempts the SDK makes at most (1 + retries).</param>
internal sealed record CallBudget(TimeSpan PerAttempt, int Attempts)
{
    /// <summary>Slack over <c>PerAttempt × Attempts</c> for the SDK's back-off between attempts.</summary>
    public static readonly TimeSpan BackOffAllowance = TimeSpan.FromSeconds(2);

    /// <summary>The clock the deadline runs on: the system's, or a test's fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>When the whole call is given up.</summary>
    public TimeSpan Deadline => PerAttempt * Attempts + BackOffAllowance;

    /// <summary>The budget of an SDK client's configuration, its deadline on <paramref name="time"/> (the system's when null); null when it sets no timeout.</summary>
    public static CallBudget? Of(IClientConfig? config, TimeProvider? time = null) =>
        config?.Timeout is { } timeout && timeout > TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan
            ? new CallBudget(timeout, Math.Max(0, config.MaxErrorRetry) + 1) { Time = time ?? TimeProvider.System }
            : null;

    /// <summary>Seconds as a message shows them: <c>5</c>, <c>0.5</c>.</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"tried 1 time", "tried 2 times".</summary>
    public static string Tried(int attempts) =>
        attempts == 1 ? "tried 1 time" : $"tried {attempts.ToString(CultureInfo.InvariantCulture)} times";

    /// <summary>
    /// Waits for <paramref name="call"/> until it ends, the caller cancels or the deadline passes. The SDK reads some
    /// answer bodies synchronously, where no token reaches, so a call is not only cancelled but also stopped waiting
    /// for; an abandoned call ends on its own when its connection does, and its outcome is observed and dropped.
    /// </summary>
    public static async Task<T> WaitAsync<T>(Task<T> call, CallDeadline? deadline)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (deadline is null)
        {
            return await call.ConfigureAwait(false);
        }

        try
        {
            return await call.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!call.IsCompleted)
        {
            _ = call.ContinueWith(static abandoned => _ = abandoned.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>A token that ends at the deadline or when the caller cancels, whichever comes first.</summary>
    public CallDeadline StartDeadline(CancellationToken callerToken) => new(Deadline, Time, callerToken);
}
