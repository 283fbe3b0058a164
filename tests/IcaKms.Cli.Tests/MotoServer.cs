using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IcaKms.Cli.Tests;

/// <summary>
/// moto's server mode (<c>python3 -m moto.server</c>), an AWS emulator, on 127.0.0.1 and a free port, for the tests that
/// run the CLI against an emulator as well as against the fake; <see cref="IsInstalled"/> says whether python3 has it.
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        try
        {
            using Process? probe = Process.Start(new ProcessStartInfo("python3", ["-c", "import moto.server"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (probe is null || !probe.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    private readonly Process _process;

    private MotoServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public static bool IsInstalled => Installed.Value;

    public Uri Url { get; }

    public static async Task<MotoServer> StartAsync()
    {
        int port = FreePort();
        var info = new ProcessStartInfo("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // moto's web server says "Running on http://127.0.0.1:PORT" once it listens: the start waits for that line.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process = Process.Start(info)!;
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        DataReceivedEventHandler watch = (_, line) =>
        {
            if (line.Data?.Contains("Running on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.OutputDataReceived += watch;
        process.ErrorDataReceived += watch;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"moto exited with {process.ExitCode} before listening."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A fact that runs only where python3 has moto, and says so when it is skipped.</summary>
internal sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (!MotoServer.IsInstalled)
        {
            Skip = "python3 with moto is not installed ('pip install moto[server]' or Debian's python3-moto): the emulator tests need it.";
        }
    }
}
