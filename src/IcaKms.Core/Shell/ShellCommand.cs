namespace IcaKms.Core.Shell;

/// <summary>
/// One bash command (or a short block: a look before a write) to paste into a shell, with a one-line comment saying
/// what it does. Each kind of tool has its own subtype (<see cref="AwsCliCommand"/> for the AWS CLI,
/// <see cref="CurlCommand"/> for ICA's API), so a command's type says what runs it.
/// </summary>
public abstract record ShellCommand
{
    /// <summary>Creates a command; line breaks and other control characters in the comment become spaces.</summary>
    /// <param name="comment">What the command does, for a person.</param>
    /// <param name="commandLine">The bash command line (or block), already quoted.</param>
    protected ShellCommand(string comment, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(commandLine);
        Comment = new string([.. comment.Select(c => char.IsControl(c) ? ' ' : c)]);
        CommandLine = commandLine;
    }

    /// <summary>What the command does, on one line (never able to end the bash comment it is written in).</summary>
    public string Comment { get; }

    /// <summary>The command line (or block) for bash.</summary>
    public string CommandLine { get; }

    /// <summary>The comment as a bash comment line followed by the command line.</summary>
    public string ToScript() => $"# {Comment}\n{CommandLine}";
}
