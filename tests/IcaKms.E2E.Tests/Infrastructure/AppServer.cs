using IcaKms.FakeAws;
using IcaKms.FakeIca;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>
/// Runs the built IcaKms.Web as its own process on 127.0.0.1 and a free port, as it runs in
/// production (Kestrel, real static web assets), and stops it when the collection ends. Its AWS endpoint is a
/// loopback <see cref="FakeAwsServer"/> and its ICA API a loopback <see cref="FakeIcaServer"/>, so no test can reach AWS
/// or ICA, and every logging provider is at Trace so the logs can be searched for credentials.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    private const int StartAttempts = 3;
    private const int OutputLinesKept = 200_000;

    /// <summary>A second caller the fake AWS accepts, so two sessions can be told apart.</summary>
    public const string SecondAccessKeyId = "ASIAFAKEOTHER0000002";

    /// <summary>The caller ARN STS answers for <see cref="SecondAccessKeyId"/>.</summary>
    public const string SecondCallerArn = "arn:aws:sts::111122223333:assumed-role/IcaKmsAuditor/auditor";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _ownsAws;
    private Process? _process;
    private FakeAwsServer? _aws;
    private FakeIcaServer? _ica;
    private Uri? _baseUrl;
    private HttpClient? _http;

    /// <summary>The app's root address, ending with a slash.</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The app server has not started.");

    /// <summary>A client for the app's root address.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The app server has not started.");

    /// <summary>The fake AWS the app talks to.</summary>
    public FakeAwsServer Aws => _aws ?? throw new InvalidOperationException("The app server has not started.");

    /// <summary>The fake ICA the app talks to.</summary>
    public FakeIcaServer Ica => _ica ?? throw new InvalidOperationException("The app server has not started.");

    /// <summary>What the app has written to stdout and stderr so far, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>The app as a newcomer runs it: no configuration beyond the test's fake AWS and Trace logging.</summary>
    public AppServer()
        : this(new Dictionary<string, string>(), null)
    {
    }

    /// <summary>The app with more settings (environment variables, e.g. <c>IcaKms__Authentication__Authority</c>), on a given fake AWS or its own.</summary>
    internal AppServer(IReadOnlyDictionary<string, string> settings, FakeAwsServer? aws)
    {
        _settings = settings;
        _aws = aws;
        _ownsAws = aws is null;
    }

    public async Task InitializeAsync()
    {
        if (_aws is null)
        {
            var scenario = new FakeAwsScenario();
            _aws = FakeAwsServer.Start(scenario with
            {
                Credentials = new Dictionary<string, string>(scenario.Credentials, StringComparer.Ordinal) { [SecondAccessKeyId] = SecondCallerArn },
            });
        }

        _ica = await FakeIcaServer.StartAsync();
        string webAssembly = FindWebAssembly();
        for (int attempt = 1; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}/");
            _baseUrl = url;
            _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
            _process = Start(webAssembly, url);

            if (await WaitUntilHealthyAsync())
            {
                return;
            }

            // The port may have been taken between FreePort and Kestrel's bind: try another one.
            bool exited = _process.HasExited;
            StopApp();
            _baseUrl = null;
            if (!exited || attempt == StartAttempts)
            {
                throw new InvalidOperationException(
                    $"IcaKms.Web did not answer {url}healthz within {StartupTimeout.TotalSeconds:0}s " +
                    $"(attempt {attempt}). Its output:{Environment.NewLine}{Output}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        StopApp();
        if (_aws is not null && _ownsAws)
        {
            await _aws.DisposeAsync();
            _aws = null;
        }

        if (_ica is not null)
        {
            await _ica.DisposeAsync();
            _ica = null;
        }
    }

    /// <summary>
    /// Kills the app process with SIGKILL (no shutdown, no finally blocks: a crash or an OOM kill) and waits until it is
    /// gone; the fakes keep running. <see cref="DisposeAsync"/> still disposes them.
    /// </summary>
    public void Kill()
    {
        Process process = _process ?? throw new InvalidOperationException("The app server has not started.");
        process.Kill(entireProcessTree: false); // SIGKILL on Linux
        process.WaitForExit();
    }

    private void StopApp()
    {
        _http?.Dispose();
        _http = null;
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
            _process = null;
        }
    }

    private static string FindWebAssembly()
    {
        string? path = typeof(AppServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "IcaKmsWebAssembly")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"IcaKms.Web.dll not found at '{path}': build the solution first.");
        }

        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Start(string webAssembly, Uri baseUrl)
    {
        string contentRoot = Path.GetDirectoryName(webAssembly)!;
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(webAssembly);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseUrl.GetLeftPart(UriPartial.Authority));
        startInfo.ArgumentList.Add("--contentRoot");
        startInfo.ArgumentList.Add(contentRoot);
        // Development turns on static web assets from the build output (blazor.web.js, MudBlazor's files).
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        startInfo.Environment.Remove("ASPNETCORE_HTTPS_PORTS");
        startInfo.Environment["IcaKms__AwsEndpointUrl"] = Aws.Url.ToString();
        startInfo.Environment["IcaKms__AllowServerCredentials"] = "false";
        startInfo.Environment["IcaKms__IcaApiUrl"] = Ica.Url.ToString();
        startInfo.Environment["IcaKms__IcaTimeout"] = "00:00:05";
        // Short enough for a test to wait out a black-holed call (3 s × 2 attempts + 2 s), long enough for a busy CI machine.
        startInfo.Environment["IcaKms__AwsTimeout"] = "00:00:03";
        // Every provider at Trace, as an operator hunting a problem might set it, general and provider-specific rules
        // alike: the app must still keep typed credentials out of every log line.
        foreach (string rules in new[] { "Logging__LogLevel__", "Logging__Console__LogLevel__", "Logging__Debug__LogLevel__", "Logging__EventSource__LogLevel__" })
        {
            startInfo.Environment[rules + "Default"] = "Trace";
            startInfo.Environment[rules + "Microsoft.AspNetCore"] = "Trace";
            startInfo.Environment[rules + "Microsoft.AspNetCore.SignalR"] = "Trace";
            startInfo.Environment[rules + "Microsoft.AspNetCore.Components"] = "Trace";
        }

        foreach ((string name, string value) in _settings)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (_output.Count > OutputLinesKept)
        {
            _output.TryDequeue(out _);
        }
    }

    // The muxer that runs this test host (dotnet test starts it through `dotnet`), else dotnet on PATH.
    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private async Task<bool> WaitUntilHealthyAsync()
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
            {
                if (_process!.HasExited)
                {
                    return false;
                }

                try
                {
                    using HttpResponseMessage response = await Http.GetAsync("healthz", timeout.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return true;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !timeout.IsCancellationRequested))
                {
                    // Not listening yet, or too busy to answer this poll: ask again.
                }
            }
            while (await timer.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        return false;
    }
}
