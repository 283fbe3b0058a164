using IcaKms.Core.Planning;

namespace IcaKms.Core.Applying;

/// <summary>How one planned change ended when the plan was applied.</summary>
public enum ChangeOutcome
{
    /// <summary>AWS made the change (or it was already so).</summary>
    Done,

    /// <summary>AWS refused or failed it; the plan stopped here.</summary>
    Failed,

    /// <summary>Not sent, because an earlier change failed (or the session ended).</summary>
    NotDone,
}

/// <summary>
/// The record of one planned change after applying: what, by whom, when, how it ended, and the documents before and
/// after (in <see cref="Change"/>). Never holds a secret.
/// </summary>
/// <param name="Change">The change as planned (its title, permission, resource, and documents).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">What happened, in one sentence (AWS's refusal with the missing permission, when it failed).</param>
/// <param name="Principal">Who made it: the STS caller ARN of the session.</param>
/// <param name="At">When it ended (UTC).</param>
public sealed record AppliedChange(SetupChange Change, ChangeOutcome Outcome, string Message, string Principal, DateTimeOffset At);
