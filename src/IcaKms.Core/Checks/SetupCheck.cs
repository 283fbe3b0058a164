using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>
/// One check of the setup, made offline (an input, a generated document) or live (the AWS state): what was found and how
/// to fix it. The review lists these, the live panels show them, the README records them.
/// </summary>
/// <param name="Id">A stable id, e.g. <c>bucket-region</c>.</param>
/// <param name="Step">The wizard step that fixes it.</param>
/// <param name="Title">What is checked, in a few words.</param>
/// <param name="State">Pass, warning, fail, or not checked (a call failed or there was nothing to check).</param>
/// <param name="Finding">What was found, in one line.</param>
/// <param name="Fix">What to do, in one line a person can follow (empty when it passes).</param>
public sealed record SetupCheck(string Id, WizardStep Step, string Title, CheckState State, string Finding, string Fix = "");
