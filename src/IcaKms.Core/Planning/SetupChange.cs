using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>
/// One change IcaKms can make to the live setup, planned from an inspection and applied only after the person
/// confirmed it. Each kind carries exactly what its write needs; <see cref="Title"/> says it in words, and
/// <see cref="Before"/>/<see cref="After"/> hold the documents it replaces, when it replaces one.
/// </summary>
public abstract record SetupChange
{
    /// <summary>What the change does, in one line ("Create the bucket lab-data in us-east-1").</summary>
    public abstract string Title { get; }

    /// <summary>The IAM permission the write needs, named in the message when AWS refuses it.</summary>
    public abstract string Permission { get; }

    /// <summary>The bucket, key, user or policy the change is about.</summary>
    public abstract string Resource { get; }

    /// <summary>The document (JSON) the change replaces, or null when it creates something or has no document.</summary>
    public string? Before { get; init; }

    /// <summary>The document (JSON) the change writes, or null when it has no document.</summary>
    public string? After { get; init; }

    /// <summary>
    /// The change that puts back what this one replaced, offered once this one is done (a merged key policy's restore), or
    /// null when it offers none.
    /// </summary>
    public virtual SetupChange? Undo => null;

    /// <summary>The shell commands that make the same change by hand (the AWS CLI, or ICA's API with curl).</summary>
    public abstract IReadOnlyList<ShellCommand> Commands(CommandContext context);
}
