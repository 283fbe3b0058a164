namespace IcaKms.Core.Policies;

/// <summary>What happened to one line between two versions of a policy document.</summary>
public enum PolicyDiffKind
{
    /// <summary>The line is in both versions.</summary>
    Unchanged,

    /// <summary>The line is only in the new version.</summary>
    Added,

    /// <summary>The line is only in the previous version.</summary>
    Removed,
}
