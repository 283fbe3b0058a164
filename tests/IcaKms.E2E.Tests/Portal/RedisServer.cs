using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// Debian's <c>redis-server</c> on 127.0.0.1 and a free port, in its own temporary folder, with no persistence (no RDB
/// snapshot, no append-only file): a restart comes back empty, as a cache-only Redis does. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> take it away and bring it back on the same port while the apps run.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "icakms-e2e-redis-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public RedisServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        Directory.CreateDirectory(_folder);
    }

    /// <summary>The port Redis listens on, the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string for the app.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>What Redis printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts Redis and returns once it accepts connections (it says so on its log).</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Redis is already running.");
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("redis-server")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _folder, "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
            "--logfile", string.Empty,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            _output.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => _output.Enqueue(e.Data ?? string.Empty);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited. Its output:{Environment.NewLine}{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(StartupTimeout);
    }

    /// <summary>Kills Redis (as a crash or a node loss would) and waits until it has exited; everything it held is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
