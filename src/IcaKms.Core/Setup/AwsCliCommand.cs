namespace IcaKms.Core.Setup;

/// <summary>
/// One AWS CLI command to paste into bash, with a one-line comment saying what it does. The command line is
/// already quoted for bash; it may capture its output in a shell variable (<c>KEY_ARN=$(aws …)</c>) that later
/// commands use.
/// </summary>
public sealed record AwsCliCommand
{
    /// <summary>Creates a command; line breaks and other control characters in the comment become spaces.</summary>
    /// <param name="comment">What the command does, for a person.</param>
    /// <param name="commandLine">The bash command line.</param>
    public AwsCliCommand(string comment, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(commandLine);
        Comment = new string([.. comment.Select(c => char.IsControl(c) ? ' ' : c)]);
        CommandLine = commandLine;
    }

    /// <summary>What the command does, on one line (never able to end the bash comment it is written in).</summary>
    public string Comment { get; }

    /// <summary>The command line for bash.</summary>
    public string CommandLine { get; }

    /// <summary>The comment as a bash comment line followed by the command line.</summary>
    public string ToScript() => $"# {Comment}\n{CommandLine}";
}
