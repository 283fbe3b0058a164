namespace IcaKms.Core.Policies;

/// <summary>One thing the summary check found, written for the person fixing the policy.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Message">What is wrong, in one line.</param>
/// <param name="Fix">How to fix it, in one line.</param>
public sealed record PolicyFinding(FindingSeverity Severity, PolicyFindingKind Kind, string Message, string Fix);
