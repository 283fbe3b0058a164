namespace IcaKms.Core.Policies;

/// <summary>A policy as read from pasted text.</summary>
/// <param name="Version">The <c>Version</c> as written, or null when absent or not a string.</param>
/// <param name="Statements">The statements in order (a single statement object counts as one).</param>
/// <param name="UnknownElements">Top-level element names IAM does not know.</param>
internal sealed record ParsedPolicy(string? Version, IReadOnlyList<ParsedStatement> Statements, IReadOnlyList<string> UnknownElements)
{
    /// <summary>The statements that allow listed actions.</summary>
    public IEnumerable<ParsedStatement> AllowStatements => Statements.Where(s => s.AllowsListedActions);
}
