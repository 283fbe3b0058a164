using System.Diagnostics;

namespace IcaKms.Script.Tests;

/// <summary>
/// Runs a generated script with the real AWS CLI (Debian's <c>awscli</c> package when installed, else the <c>aws</c> on
/// PATH) against a loopback endpoint. Debian's awscli 2.9 predates <c>AWS_ENDPOINT_URL</c> (CLI 2.13), so an <c>aws</c>
/// shim first on PATH adds <c>--endpoint-url</c> to every call; the script itself is run unchanged.
/// </summary>
internal sealed class AwsCli : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("icakms-script-").FullName;

    public AwsCli(Uri endpoint, string accessKeyId)
    {
        string bin = Directory.CreateDirectory(System.IO.Path.Combine(_dir, "bin")).FullName;
        string shim = System.IO.Path.Combine(bin, "aws");
        File.WriteAllText(shim, $"#!/usr/bin/env bash\nexec {Path} --endpoint-url {endpoint.AbsoluteUri.TrimEnd('/')} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        // Path-style S3 addressing: the loopback endpoint has no bucket subdomains.
        File.WriteAllText(System.IO.Path.Combine(_dir, "config"), "[default]\ns3 =\n    addressing_style = path\n");
        Environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}:{System.Environment.GetEnvironmentVariable("PATH")}",
            ["HOME"] = _dir,
            ["AWS_CONFIG_FILE"] = System.IO.Path.Combine(_dir, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = System.IO.Path.Combine(_dir, "no-credentials"),
            ["AWS_ACCESS_KEY_ID"] = accessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = "fake-secret",
            ["AWS_SESSION_TOKEN"] = "fake-token",
            ["AWS_PAGER"] = "",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
    }

    /// <summary>The AWS CLI the tests run: Debian's package when installed, else the first <c>aws</c> on PATH; null when none.</summary>
    public static string? Path { get; } = Find();

    private IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Saves the script to a file and runs it with bash; answers its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string script)
    {
        string file = System.IO.Path.Combine(_dir, "setup.sh");
        await File.WriteAllTextAsync(file, script);
        var start = new ProcessStartInfo("bash", [file]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach ((string name, string value) in Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_ENDPOINT_URL");
        // Each CLI call starts a Python interpreter: a few scripts at a time keep a small, shared machine responsive.
        await Runs.WaitAsync();
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // A safety net only (a hung call), never a timing assertion: stop the script and every aws it started.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (-1, $"The script did not end within 10 minutes.\n{await output}{await error}");
            }

            return (process.ExitCode, await output + await error);
        }
        finally
        {
            Runs.Release();
        }
    }

    private static SemaphoreSlim Runs { get; } = new(Math.Max(1, System.Environment.ProcessorCount / 2));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string? Find()
    {
        if (File.Exists("/usr/bin/aws"))
        {
            return "/usr/bin/aws";
        }

        return (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "aws"))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A test that runs the real AWS CLI: skipped, saying why, only where no <c>aws</c> is installed (CI installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Path is null)
        {
            Skip = "The AWS CLI (aws) is not installed: apt-get install awscli jq (.ci/run and scripts/test.sh install both).";
        }
    }
}
