using IcaKms.Core.Applying;

namespace IcaKms.Web.Services;

/// <summary>
/// What the person at this circuit did and may do, shared by the AWS and ICA flows: the history of every change applied
/// in this tab (and its audit event), whether they may apply changes at all, and their per-user rate limits on what
/// costs AWS or ICA calls. Every applied change, whichever flow applied it, comes through <see cref="Record"/>.
/// </summary>
public sealed class ChangeRecorder(
    CircuitUser user, ChangeAudit audit, IcaKmsTelemetry telemetry, PerUserRateLimits limits, ILogger<ChangeRecorder> logger)
{
    private readonly List<AppliedChange> _history = [];

    /// <summary>Every change applied in this tab, in order, with who, what, when and the documents (the audit record).</summary>
    public IReadOnlyList<AppliedChange> History => _history;

    /// <summary>Why the person at this circuit may not apply changes (sign-in without the apply role), or null when they may.</summary>
    public string? ApplyRefusal => user.Current.ApplyRefusal;

    /// <summary>
    /// Records one applied (or failed, or skipped) change: kept for this tab (shown in the review and the zip's README) and
    /// written at once as the audit event (<see cref="ChangeAudit"/>: digests of the documents, never their text or a secret).
    /// </summary>
    public void Record(AppliedChange applied)
    {
        _history.Add(applied);
        audit.Record(applied, user.Current);
        telemetry.Applied(applied);
    }

    /// <summary>
    /// Refuses a write (to AWS or ICA), server side, for a signed-in person without the apply role (the buttons are
    /// disabled too); true when they may apply.
    /// </summary>
    public bool MayApply()
    {
        if (user.Current.MayApply)
        {
            return true;
        }

        logger.LogWarning("Apply refused for {PortalUser}: {Reason}", user.Current.Name, user.Current.ApplyRefusal);
        return false;
    }

    /// <summary>Takes one credential check of the person's rate limit (AWS connects and the ICA key check); a message when spent.</summary>
    public string? TakeCredentialCheck() => limits.TakeCredentialCheck(user.Current);

    /// <summary>Takes one inspection of the person's rate limit; a message when spent.</summary>
    public string? TakeInspection() => limits.TakeInspection(user.Current);
}
