using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IcaKms.Circuits;

/// <summary>A published ASP.NET Core app run as its own process on 127.0.0.1, Production environment.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, TimeSpan deadline)
    {
        int port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        start.Environment["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{Path.GetFileNameWithoutExtension(dll)}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, baseUri);
        try
        {
            await server.WaitReadyAsync(deadline);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    private async Task WaitReadyAsync(TimeSpan deadline)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before listening.");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(BaseUri);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"The server at {BaseUri} did not answer within {deadline}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }
}
