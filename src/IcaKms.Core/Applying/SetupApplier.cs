using System.Text.Json;
using System.Text.Json.Nodes;
using IcaKms.Core.Aws;
using IcaKms.Core.Planning;

namespace IcaKms.Core.Applying;

/// <summary>
/// Applies a confirmed <see cref="SetupPlan"/>, change by change in its order, and stops at the first failure: the
/// result says what was done, what failed (with AWS's message naming the missing permission) and what was not sent.
/// It knows no change kind: each change (<see cref="AwsChange"/>) re-reads what it will write, and is written only when
/// that still is what the plan was made from (someone may have changed it since); a change that needs what an earlier
/// change of the plan created waits for AWS to show it, the same way for every kind (<see cref="ConsistencyPolicy"/>).
/// The caller's cancellation (Disconnect) stops the plan before the next write.
/// </summary>
public static class SetupApplier
{
    /// <summary>How long to wait before asking again when AWS does not yet show what the plan just created.</summary>
    public static IReadOnlyList<TimeSpan> ConsistencyDelays => ConsistencyPolicy.DefaultDelays;

    /// <summary>Applies the plan's changes with the session's gateways for the ICA region.</summary>
    /// <param name="gateways">The session's gateways in the region the plan is for.</param>
    /// <param name="plan">The confirmed plan.</param>
    /// <param name="principal">The STS caller ARN, recorded with every change.</param>
    /// <param name="time">The clock of the records and of the consistency waits.</param>
    /// <param name="onApplied">Told about each change as soon as it ended (the audit log writes it then).</param>
    /// <param name="ct">Stops before the next change; the rest is then reported as not done.</param>
    /// <param name="consistencyDelays">The waits before asking again after a not-found that may only be AWS catching up; <see cref="ConsistencyDelays"/> when null.</param>
    public static async Task<ApplyResult> ApplyAsync(
        AwsGateways gateways,
        SetupPlan plan,
        string principal,
        TimeProvider time,
        Action<AppliedChange>? onApplied = null,
        CancellationToken ct = default,
        IReadOnlyList<TimeSpan>? consistencyDelays = null)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);

        var consistency = new ConsistencyPolicy(consistencyDelays ?? ConsistencyDelays, time);
        var created = new HashSet<ResourceAddress>();
        string? createdKey = null;
        IReadOnlyList<AppliedChange> records = await ChangeSequence.ApplyAsync(plan.Changes, async change =>
        {
            if (change is not AwsChange aws)
            {
                return (false, $"IcaKms cannot apply \"{change.Title}\" to AWS.");
            }

            ChangeWrite write;
            try
            {
                write = await ApplyOneAsync(gateways, aws, aws.Needs.Any(created.Contains), consistency, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                write = new ChangeWrite(false, $"Stopped: the session ended while {change.Permission} was on its way; inspect again to see whether it was made.");
            }

            if (aws.Action == ChangeAction.Create)
            {
                created.Add(aws.Address);
            }

            createdKey ??= write.CreatedKeyArn;
            return (write.Done, write.Message);
        }, principal, time, onApplied, ct).ConfigureAwait(false);

        return new ApplyResult(records, createdKey);
    }

    // Read, compare with the plan, write. What an earlier change of this plan created had no state to plan from (a new
    // bucket comes with AWS's defaults), so there the read only waits for it to show, and so does the write.
    private static async Task<ChangeWrite> ApplyOneAsync(AwsGateways gateways, AwsChange change, bool needsEarlierCreation, ConsistencyPolicy consistency, CancellationToken ct)
    {
        Result<string?, AwsFailure> current = needsEarlierCreation
            ? await consistency.RetryAsync(token => change.ReadAsync(gateways, token), ct).ConfigureAwait(false)
            : await change.ReadAsync(gateways, ct).ConfigureAwait(false);
        if (current.Failure is { } failure)
        {
            return ChangeWrite.Failed(failure);
        }

        if (!needsEarlierCreation && !SameState(current.Value, change.PlannedState))
        {
            return new ChangeWrite(false, Drift(change, current.Value));
        }

        ct.ThrowIfCancellationRequested();
        return needsEarlierCreation
            ? await consistency.RetryAsync(token => change.WriteAsync(gateways, consistency, token), ct).ConfigureAwait(false)
            : await change.WriteAsync(gateways, consistency, ct).ConfigureAwait(false);
    }

    private static string Drift(AwsChange change, string? now) => (change.PlannedState, now) switch
    {
        (null, _) => $"{change.Resource} exists now but did not when the plan was made, so it was not changed: plan again.",
        (_, null) => $"{change.Resource} is gone since the plan was made, so it was not changed: plan again.",
        _ => $"{change.Address.Type} of {change.Resource} changed since the plan was made, so it was not written: plan again to start from the current one.",
    };

    // Documents compare as JSON values (IAM and KMS reformat what they store); other states as text.
    private static bool SameState(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }
}
