using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>One verdict on the live setup: what was found and how to fix it.</summary>
/// <param name="Id">A stable id, e.g. <c>bucket-region</c>.</param>
/// <param name="Step">The wizard step that fixes it.</param>
/// <param name="Title">What is checked, in a few words.</param>
/// <param name="State">Pass, warning, fail, or not checked (a call failed or there was nothing to check).</param>
/// <param name="Finding">What was found, in one line.</param>
/// <param name="Fix">What to do, in one line a person can follow (empty when it passes).</param>
public sealed record SetupCheck(string Id, WizardStep Step, string Title, CheckState State, string Finding, string Fix);
