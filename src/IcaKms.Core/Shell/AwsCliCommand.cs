
namespace IcaKms.Core.Shell;

/// <summary>
/// One AWS CLI command (or a look-then-write block of them) to paste into bash, with a one-line comment saying what it
/// does. The command line is already quoted for bash; it may capture its output in a shell variable
/// (<c>KEY_ARN=$(aws …)</c>) that later commands use.
/// </summary>
public sealed record AwsCliCommand : ShellCommand
{
    /// <summary>Creates a command; line breaks and other control characters in the comment become spaces.</summary>
    /// <param name="comment">What the command does, for a person.</param>
    /// <param name="commandLine">The bash command line.</param>
    public AwsCliCommand(string comment, string commandLine)
        : base(comment, commandLine)
    {
    }
}
