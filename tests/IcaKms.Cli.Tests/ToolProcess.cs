using System.Diagnostics;

namespace IcaKms.Cli.Tests;

/// <summary>Runs a program to its end and keeps what it printed.</summary>
internal static class ToolProcess
{
    // Generous: the 2-core machine is shared; a run that ends early is not held by it.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<CliResult> RunAsync(string fileName, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not end within {Limit}.");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>The repository's root (the folder holding IcaKms.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcaKms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IcaKms.sln not found above " + AppContext.BaseDirectory);
    }
}
