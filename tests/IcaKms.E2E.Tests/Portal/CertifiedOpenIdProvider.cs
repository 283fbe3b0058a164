using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IcaKms.E2E.Tests.Infrastructure;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// A certified OpenID provider for the sign-in tests: panva's <c>oidc-provider</c> (OpenID Certified) run by Node from
/// <c>Portal/oidc/provider.mjs</c> on 127.0.0.1, with one confidential client registered for IcaKms (code flow, PKCE
/// required, a <c>groups</c> claim, end-session) and the people in <see cref="Users"/>. Its address is reserved first
/// (<see cref="Issuer"/>), so the portal can be configured with it; it starts once the portal's addresses are known,
/// because the provider registers the client's redirect URIs exactly.
/// </summary>
public sealed class CertifiedOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "icakms-e2e";
    public const string ClientSecret = "certified-provider-client-secret-0123456789";
    public const string UsersGroup = "icakms-users";
    public const string AppliersGroup = "icakms-appliers";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Install = new(1, 1);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private int _tokensIssued;

    public CertifiedOpenIdProvider()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Issuer = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
    }

    /// <summary>The people who can sign in: one allowed to apply, one who may only look, one outside the portal's group.</summary>
    public static IReadOnlyList<TestUser> Users { get; } =
    [
        new("alice", "alice@example.org", "Alice Admin", [UsersGroup, AppliersGroup]),
        new("carol", "carol@example.org", "Carol Reader", [UsersGroup]),
        new("dave", "dave@example.org", "Dave Scripter", [UsersGroup]),
        new("bob", "bob@example.org", "Bob Outsider", ["someone-else"]),
    ];

    /// <summary>The issuer and authority, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Issuer { get; }

    /// <summary>Where the provider's authorization endpoint starts (oidc-provider's default route).</summary>
    public string AuthorizationEndpoint => Issuer + "auth";

    /// <summary>How many authorization codes the provider exchanged for tokens.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>What the provider printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    private static string Folder => Path.Combine(RepoPaths.RepoRoot, "tests", "IcaKms.E2E.Tests", "Portal", "oidc");

    /// <summary>Starts the provider with the client's redirect URIs on each of <paramref name="apps"/>; returns once it listens.</summary>
    public async Task StartAsync(IEnumerable<Uri> apps)
    {
        await EnsureInstalledAsync();
        Uri[] bases = apps.ToArray();
        string config = JsonSerializer.Serialize(new
        {
            port = Issuer.Port,
            clientId = ClientId,
            clientSecret = ClientSecret,
            redirectUris = bases.Select(b => new Uri(b, "signin-oidc").ToString()),
            postLogoutRedirectUris = bases.Select(b => new Uri(b, "signout-callback-oidc").ToString()),
            users = Users.Select(u => new { name = u.Name, userName = u.UserName, displayName = u.DisplayName, groups = u.Groups }),
        });
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("provider.mjs");
        start.Environment["OIDC_TEST_CONFIG"] = config;
        start.Environment["NODE_ENV"] = "production";
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The OpenID provider exited. Its output:{Environment.NewLine}{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await _listening.Task.WaitAsync(StartupTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // Closing its standard input asks it to exit; kill it if it does not.
            _process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.StartsWith("listening ", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
        else if (line.StartsWith("token-issued ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _tokensIssued);
        }
    }

    // `npm ci` once, when the locked packages are not there yet (scripts/test.sh does it before the tests in CI).
    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Folder, "node_modules", "oidc-provider", "package.json")))
            {
                return;
            }

            var start = new ProcessStartInfo("npm") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                start.ArgumentList.Add(argument);
            }

            using Process npm = Process.Start(start)!;
            Task<string> stdout = npm.StandardOutput.ReadToEndAsync();
            Task<string> stderr = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(InstallTimeout);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Folder} failed ({npm.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
            }
        }
        finally
        {
            Install.Release();
        }
    }
}

/// <summary>A person the provider knows: the name on its sign-in page, the claims in their id_token.</summary>
public sealed record TestUser(string Name, string UserName, string DisplayName, IReadOnlyList<string> Groups);
