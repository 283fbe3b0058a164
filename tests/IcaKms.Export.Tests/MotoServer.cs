using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IcaKms.Export.Tests;

/// <summary>
/// moto's AWS emulator on a free loopback port, for one test class; stopped (with its process tree) when disposed. Every
/// account and resource lives in this process only. It runs as <c>python3 moto_with_s3_cfn.py</c> (beside this file):
/// moto's own server with its CloudFormation model of AWS::S3::Bucket completed for BucketKeyEnabled, OwnershipControls
/// and PublicAccessBlockConfiguration, which moto ignores (the script's header says how and why).
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint URL every client is pointed at.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts the server and answers once it serves requests.</summary>
    public static async Task<MotoServer> StartAsync()
    {
        int port = FreePort();
        var start = new ProcessStartInfo(Tools.OnPath("python3")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { Tools.MotoWithS3CloudFormation(), "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Werkzeug says " * Running on http://127.0.0.1:PORT" once it listens: the signal to wait for, never a time.
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Process process = Process.Start(start)!;
        void Read(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not { } line)
            {
                return;
            }

            log.Enqueue(line);
            if (line.Contains("Running on", StringComparison.Ordinal))
            {
                serving.TrySetResult();
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.Exited += (_, _) => serving.TrySetException(new InvalidOperationException($"moto's server ended at start: {string.Join('\n', log)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"));
        await serving.Task.WaitAsync(TimeSpan.FromMinutes(2));
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
