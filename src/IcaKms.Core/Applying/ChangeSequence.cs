using IcaKms.Core.Planning;

namespace IcaKms.Core.Applying;

/// <summary>
/// Applies a confirmed plan's changes in order and stops at the first failure: every change gets a record (done,
/// failed, or not sent because an earlier one failed or the session ended), handed to the audit log as soon as it ends.
/// Shared by the AWS writes (<see cref="SetupApplier"/>) and the ICA writes (<see cref="Planning.Ica.IcaApplier"/>).
/// </summary>
public static class ChangeSequence
{
    /// <summary>Applies the changes with <paramref name="applyOne"/>, which answers whether it was done and what happened.</summary>
    /// <param name="changes">The changes, in the plan's order.</param>
    /// <param name="applyOne">Makes one change.</param>
    /// <param name="principal">Who makes the changes, recorded with each.</param>
    /// <param name="time">The clock of the records.</param>
    /// <param name="onApplied">Told about each change as soon as it ended.</param>
    /// <param name="ct">Stops before the next change; the rest are then recorded as not done.</param>
    public static async Task<IReadOnlyList<AppliedChange>> ApplyAsync(
        IReadOnlyList<SetupChange> changes,
        Func<SetupChange, Task<(bool Done, string Message)>> applyOne,
        string principal,
        TimeProvider time,
        Action<AppliedChange>? onApplied,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(applyOne);
        ArgumentNullException.ThrowIfNull(time);
        var records = new List<AppliedChange>();
        bool stopped = false;
        foreach (SetupChange change in changes)
        {
            AppliedChange record;
            if (stopped || ct.IsCancellationRequested)
            {
                record = new AppliedChange(change, ChangeOutcome.NotDone, stopped ? "Not sent: an earlier change failed." : "Not sent: the session ended.", principal, time.GetUtcNow());
            }
            else
            {
                (bool done, string message) = await applyOne(change).ConfigureAwait(false);
                record = new AppliedChange(change, done ? ChangeOutcome.Done : ChangeOutcome.Failed, message, principal, time.GetUtcNow());
                stopped = !done;
            }

            records.Add(record);
            onApplied?.Invoke(record);
        }

        return records;
    }
}
