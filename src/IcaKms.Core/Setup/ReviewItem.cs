namespace IcaKms.Core.Setup;

/// <summary>One line of the review: what was checked, its state, and the step that fixes it.</summary>
/// <param name="Id">A stable id (for tests and links).</param>
/// <param name="Step">The step where the admin can change it.</param>
/// <param name="Title">What is checked, in a few words.</param>
/// <param name="State">The verdict.</param>
/// <param name="Detail">The finding, or what to do, in one sentence.</param>
public sealed record ReviewItem(string Id, WizardStep Step, string Title, CheckState State, string Detail);
