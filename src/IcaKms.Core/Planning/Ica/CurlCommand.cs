namespace IcaKms.Core.Planning.Ica;

/// <summary>
/// One bash command that calls ICA's API with <c>curl</c>, with a one-line comment saying what it does. The API key and any secret stay in shell variables the person sets.
/// </summary>
public sealed record CurlCommand : ShellCommand
{
    /// <summary>Creates a command; line breaks and other control characters in the comment become spaces.</summary>
    /// <param name="comment">What the command does, for a person.</param>
    /// <param name="commandLine">The bash command line, already quoted.</param>
    public CurlCommand(string comment, string commandLine)
        : base(comment, commandLine)
    {
    }
}
