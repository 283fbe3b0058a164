using System.Diagnostics;

namespace IcaKms.Core.Tests.Setup;

/// <summary>
/// Runs command lines through a real bash with <c>aws</c> replaced by a function that records its argv (NUL-separated,
/// one record per call) and prints <see cref="CapturedOutput"/>, the value a <c>VAR=$(aws …)</c> capture receives.
/// </summary>
internal static class BashHarness
{
    public const string CapturedOutput = "arn:aws:kms:ap-southeast-2:123456789012:key/0000aaaa-00aa-00aa-00aa-000000aaaaaa";

    private const string Preamble = """
        set -euo pipefail
        aws() { for a in "$@"; do printf '%s\0' "$a" >&3; done; printf '\1' >&3; printf '%s\n' "$CAPTURED"; }
        """;

    /// <summary>The argv of every <c>aws</c> call the script makes (without the leading <c>aws</c>).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Run(string script, string? workingDirectory = null)
    {
        string dir = workingDirectory ?? Directory.CreateTempSubdirectory("icakms-bash-").FullName;
        string argvFile = Path.Combine(dir, "argv.bin");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["CAPTURED"] = CapturedOutput;
        using Process bash = Process.Start(start)!;
        bash.StandardInput.Write($"exec 3>{BashQuote(argvFile)}\n{Preamble}\n{script}\n");
        bash.StandardInput.Close();
        string stderr = bash.StandardError.ReadToEnd();
        bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"bash failed ({bash.ExitCode}): {stderr}");
        string argv = File.ReadAllText(argvFile);
        return [.. argv.Split('\u0001', StringSplitOptions.RemoveEmptyEntries)
            .Select(call => (IReadOnlyList<string>)[.. call.Split('\0')[..^1]])];
    }

    /// <summary>The argv of the single <c>aws</c> call a command line makes.</summary>
    public static IReadOnlyList<string> Argv(string commandLine, string? workingDirectory = null) =>
        Assert.Single(Run(commandLine, workingDirectory));

    /// <summary>True when <c>bash -n</c> parses the script.</summary>
    public static bool Parses(string script)
    {
        var start = new ProcessStartInfo("bash", "-n") { RedirectStandardInput = true, RedirectStandardError = true };
        using Process bash = Process.Start(start)!;
        bash.StandardInput.Write(script);
        bash.StandardInput.Close();
        bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        return bash.ExitCode == 0;
    }

    /// <summary>The value of <c>--name</c> in an argv.</summary>
    public static string ValueOf(IReadOnlyList<string> argv, string name)
    {
        int i = argv.ToList().IndexOf(name);
        Assert.True(i >= 0 && i + 1 < argv.Count, $"{name} missing in: {string.Join(' ', argv)}");
        return argv[i + 1];
    }

    private static string BashQuote(string path) => "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
