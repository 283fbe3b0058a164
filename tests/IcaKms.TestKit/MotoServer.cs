using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IcaKms.TestKit;

/// <summary>
/// moto's server mode, an AWS emulator, on 127.0.0.1 and a free port, for the tests that run against an emulator as
/// well as against the project's own fakes; stopped (with its process tree) when disposed. Every account and resource
/// lives in that process only. What python3 runs is the caller's: moto's own module, or a script that wraps it.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    /// <summary>python3's arguments for moto's own server: <c>python3 -m moto.server</c>.</summary>
    public static readonly IReadOnlyList<string> Module = ["-m", "moto.server"];

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

    /// <summary>Whether python3 is on this machine and imports <c>moto.server</c>.</summary>
    public static bool IsInstalled => Installed.Value;

    /// <summary>The endpoint URL every client is pointed at.</summary>
    public Uri Url { get; }

    /// <summary>Starts <c>python3 -m moto.server</c> and answers once it serves requests.</summary>
    public static Task<MotoServer> StartAsync() => StartAsync(Module);

    /// <summary>
    /// Starts python3 with <paramref name="launch"/> (a module or a script that runs moto's server and takes its
    /// <c>-H</c>/<c>-p</c> options) and answers once it serves requests.
    /// </summary>
    public static async Task<MotoServer> StartAsync(IReadOnlyList<string> launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        int port = FreePort();
        var info = new ProcessStartInfo("python3", [.. launch, "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // moto's web server (Werkzeug) says "Running on http://127.0.0.1:PORT" once it listens: the start waits for
        // that line, never for a time; what it wrote before it ended is kept for the message when it ends instead.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new ConcurrentQueue<string>();
        Process process = Process.Start(info)!;
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        void Read(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not { } line)
            {
                return;
            }

            log.Enqueue(line);
            if (line.Contains("Running on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"moto exited with {process.ExitCode} before listening:\n{string.Join('\n', log)}"));
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

    /// <summary>Stops the server and its process tree.</summary>
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
