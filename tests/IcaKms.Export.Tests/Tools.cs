using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace IcaKms.Export.Tests;

/// <summary>Runs the outside tools these tests use (node, python3, the AWS CLI) and finds them.</summary>
internal static class Tools
{
    /// <summary>The folder of the HCL parser's npm packages (hcl/ beside this file).</summary>
    public static string HclFolder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "hcl");

    /// <summary>moto's server with AWS::S3::Bucket's three missing CloudFormation properties applied (moto_with_s3_cfn.py beside this file).</summary>
    public static string MotoWithS3CloudFormation([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "moto_with_s3_cfn.py");

    /// <summary>The AWS CLI: Debian's package when installed, else the first <c>aws</c> on PATH; null when none.</summary>
    public static string? AwsCli { get; } = File.Exists("/usr/bin/aws") ? "/usr/bin/aws" : OnPath("aws");

    /// <summary>Runs a program to its end and answers its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A safety net for a hung tool, never a timing assertion.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await output, $"{program} did not end within 5 minutes. {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The first executable of that name on PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
