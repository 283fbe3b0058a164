namespace IcaKms.Cli;

/// <summary>The exit codes of every command (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>check</c>: every check passed.</summary>
    public const int Success = 0;

    /// <summary>A check failed (or, for apply and verify, a change or the test write failed).</summary>
    public const int Failure = 1;

    /// <summary>No check failed but at least one warned.</summary>
    public const int Warnings = 2;

    /// <summary>Could not run: bad arguments, no credentials, AWS or ICA unreachable.</summary>
    public const int CouldNotRun = 3;
}
