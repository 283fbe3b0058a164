namespace IcaKms.Core.Shell;

/// <summary>
/// One bash block that calls ICA's REST API with <c>curl</c>, with a one-line comment saying what it does. The block
/// may run the AWS CLI first when the call needs what it answers (an access key whose secret curl then sends), and
/// captures ids with <c>jq</c> for the next block.
/// </summary>
public sealed record CurlCommand : ShellCommand
{
    /// <summary>Creates a command; line breaks and other control characters in the comment become spaces.</summary>
    /// <param name="comment">What the command does, for a person.</param>
    /// <param name="commandLine">The bash command line (or block), already quoted.</param>
    public CurlCommand(string comment, string commandLine)
        : base(comment, commandLine)
    {
    }
}
