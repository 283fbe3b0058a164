using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.KeyPolicies;

/// <summary>
/// The result of merging the spec's cross-account statement into a key policy: the document to send (if any), the
/// previous document to restore, the difference to show, or why the merge was refused.
/// </summary>
public sealed record KeyPolicyMergeResult
{
    /// <summary>Added, replaced, no change, or refused.</summary>
    public required KeyPolicyMergeOutcome Outcome { get; init; }

    /// <summary>The policy text as it was given, unchanged, so the person can restore it in one click.</summary>
    public required string PreviousPolicy { get; init; }

    /// <summary>
    /// The text to send with PutKeyPolicy when <see cref="Changed"/>; the previous text when nothing changes; null when
    /// refused. Indented with four spaces and <c>\n</c> line breaks (see <see cref="KeyPolicyMerge"/>).
    /// </summary>
    public string? MergedPolicy { get; init; }

    /// <summary>The position (from 0) of the spec's statement in the merged policy; null when refused.</summary>
    public int? StatementIndex { get; init; }

    /// <summary>Why the merge was refused; null otherwise.</summary>
    public KeyPolicyMergeRefusal? Refusal { get; init; }

    /// <summary>One sentence for the person: what changes, or why nothing does, or why it was refused and what to do.</summary>
    public required string Message { get; init; }

    /// <summary>The previous document (in the merged text's formatting) against the merged one, line by line; empty when refused.</summary>
    public IReadOnlyList<PolicyDiffLine> Difference { get; init; } = [];

    /// <summary>The merged text's size in UTF-8 bytes (what KMS's 32,768-byte limit counts); 0 when not computed.</summary>
    public int MergedSize { get; init; }

    /// <summary>True when there is a new policy to send (added or replaced).</summary>
    public bool Changed => Outcome is KeyPolicyMergeOutcome.Added or KeyPolicyMergeOutcome.Replaced;
}
