namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// The wait after a key is made inactive and before ICA's validation that follows counts as evidence that ICA does not
/// need that key. IAM is eventually consistent: for a while after <c>iam:UpdateAccessKey … Inactive</c> a request signed
/// with the key can still succeed, so a validation started at once could read OK with the key ICA holds. Both
/// deactivations of a rotation (<see cref="DeactivateUnverifiedKeyChange"/>, <see cref="DeactivateAccessKeyChange"/>) wait
/// here after their write, so no validation of theirs starts before the wait ends.
/// </summary>
public static class IamPropagation
{
    /// <summary>
    /// Two minutes: AWS gives no figure for IAM ("changes take time to become visible from all possible endpoints");
    /// the AWS Terraform provider waits up to 2 minutes for IAM changes to propagate (its <c>propagationTimeout</c>).
    /// </summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(2);

    /// <summary>The wait to use: <paramref name="configured"/> when given and not negative, else <see cref="DefaultWait"/>.</summary>
    public static TimeSpan Or(TimeSpan? configured) => configured is { } wait && wait >= TimeSpan.Zero ? wait : DefaultWait;

    /// <summary>The wait in words ("2 min", "45 s").</summary>
    public static string Words(TimeSpan wait) =>
        wait >= TimeSpan.FromMinutes(1) && wait.Seconds == 0 ? $"{wait.TotalMinutes:0} min" : $"{wait.TotalSeconds:0.#} s";

    /// <summary>Why the wait, in the words of a step's title and message.</summary>
    internal static string Why(string accessKeyId, TimeSpan wait) =>
        $"waits {Words(wait)} for IAM to apply it everywhere before ICA validates (IAM is eventually consistent: right after, a request signed with {accessKeyId} can still succeed, so an earlier OK would prove nothing)";

    /// <summary>Waits <paramref name="wait"/> on <paramref name="time"/>; false when <paramref name="ct"/> stopped it first.</summary>
    internal static async Task<bool> WaitAsync(TimeProvider time, TimeSpan wait, CancellationToken ct)
    {
        if (wait <= TimeSpan.Zero)
        {
            return !ct.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The message of a deactivation once its write is done: it waited, or the wait was stopped.</summary>
    internal static async Task<ChangeWrite> AfterDeactivationAsync(Ica.IcaApplyRun run, string accessKeyId, TimeSpan wait, string deactivated, CancellationToken ct) =>
        await WaitAsync(run.Time, wait, ct).ConfigureAwait(false)
            ? ChangeWrite.Made(wait > TimeSpan.Zero
                ? $"{deactivated} Waited {Words(wait)} for IAM to apply it everywhere before ICA validates (IAM is eventually consistent: right after, a request signed with {accessKeyId} could still succeed)."
                : $"{deactivated} No wait for IAM was configured, so an OK read right after may still have used {accessKeyId}.")
            : ChangeWrite.Made($"{deactivated} The wait for IAM to apply it was stopped (the session ended), so no validation follows: {accessKeyId} is inactive.");
}
