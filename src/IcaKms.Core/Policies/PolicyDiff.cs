using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace IcaKms.Core.Policies;

/// <summary>A line difference between two policy texts (DiffPlex's inline diff), removed lines before the added ones that replace them.</summary>
public static class PolicyDiff
{
    /// <summary>Every line of both texts, each marked unchanged, added or removed; whitespace and case count.</summary>
    /// <param name="previous">The document as it was.</param>
    /// <param name="next">The document as it would become.</param>
    public static IReadOnlyList<PolicyDiffLine> Lines(string previous, string next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        DiffPaneModel model = InlineDiffBuilder.Diff(previous, next, ignoreWhiteSpace: false, ignoreCase: false);
        var lines = new List<PolicyDiffLine>(model.Lines.Count);
        foreach (DiffPiece piece in model.Lines)
        {
            PolicyDiffKind? kind = piece.Type switch
            {
                ChangeType.Inserted => PolicyDiffKind.Added,
                ChangeType.Deleted => PolicyDiffKind.Removed,
                ChangeType.Unchanged => PolicyDiffKind.Unchanged,
                _ => null,
            };
            if (kind is PolicyDiffKind k)
            {
                lines.Add(new PolicyDiffLine(k, piece.Text ?? string.Empty));
            }
        }

        return lines;
    }
}
