namespace IcaKms.Core.Policies;

/// <summary>One line of a line-by-line difference between two policy documents, for the UI to highlight.</summary>
/// <param name="Kind">Whether the line was added, removed or kept.</param>
/// <param name="Text">The line, without its line break.</param>
public sealed record PolicyDiffLine(PolicyDiffKind Kind, string Text);
