using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning.Ica;

/// <summary>
/// Applies a confirmed ICA plan change by change and stops at the first failure, as <see cref="SetupApplier"/> does for
/// AWS. It knows no change kind: each change (<see cref="IcaPlanChange"/>) re-reads what it will write, writes, and hands
/// on what it made through the run (<see cref="IcaApplyRun"/>): an access key created for the IAM user goes straight into
/// the credential request and is dropped with it; a pasted secret is used once. Nothing here logs.
/// </summary>
public static class IcaApplier
{
    /// <summary>Applies the plan.</summary>
    /// <param name="ica">The client of the admin's API key.</param>
    /// <param name="iam">The connected AWS session's IAM gateway, needed only for <see cref="CreateIamAccessKeyChange"/>.</param>
    /// <param name="plan">The confirmed plan.</param>
    /// <param name="pastedKey">The pasted access key, needed only for a credential made from it.</param>
    /// <param name="principal">Who makes the changes, recorded with each (the ICA key is never named).</param>
    /// <param name="time">The clock of the records, and the one a change waits on.</param>
    /// <param name="onApplied">Told about each change as soon as it ended (the audit log writes it then).</param>
    /// <param name="ct">Stops before the next change.</param>
    public static async Task<IcaApplyResult> ApplyAsync(
        IIcaClient ica,
        IIamGateway? iam,
        SetupPlan plan,
        AwsAccessKey? pastedKey,
        string principal,
        TimeProvider time,
        Action<AppliedChange>? onApplied = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ica);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        var run = new IcaApplyRun(ica, iam, pastedKey) { Time = time };
        IReadOnlyList<AppliedChange> records = await ChangeSequence.ApplyAsync(plan.Changes, async change =>
        {
            // The plan's family, not a kind: an AWS plan handed here by mistake is refused, as the AWS applier refuses an ICA one.
            if (change is not IcaPlanChange icaChange)
            {
                return (false, $"IcaKms cannot apply \"{change.Title}\" in ICA.");
            }

            ChangeWrite write = await icaChange.ApplyAsync(run, ct).ConfigureAwait(false);
            return (write.Done, write.Message);
        }, principal, time, onApplied, ct).ConfigureAwait(false);
        return new IcaApplyResult(new ApplyResult(records), run.ConfigurationId, run.ValidatedName is not null, run.Credential)
        {
            ValidatedName = run.ValidatedName,
            UnsettledCredentialName = run.UnsettledCredentialName,
            UnsentNewKeyId = run.UnsentNewKeyId,
        };
    }
}
