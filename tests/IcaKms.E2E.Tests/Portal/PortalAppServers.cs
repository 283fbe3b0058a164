using System.Net;
using System.Text.RegularExpressions;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.FakeAws;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// The app as a portal: two instances sharing one Data Protection key ring in a real <see cref="RedisServer"/>, both signing in through the loopback
/// <see cref="CertifiedOpenIdProvider"/> (users need the <see cref="CertifiedOpenIdProvider.UsersGroup"/> group; applying needs
/// <see cref="CertifiedOpenIdProvider.AppliersGroup"/>), with a limit of <see cref="CredentialChecksPerMinute"/> credential
/// checks per user, and the first exporting telemetry to an in-test <see cref="OtlpReceiver"/>.
/// </summary>
public sealed class PortalAppServers : IAsyncLifetime
{
    public const int CredentialChecksPerMinute = 3;

    private readonly RedisServer _redis = new();
    private FakeAwsServer? _aws;
    private CertifiedOpenIdProvider? _provider;
    private OtlpReceiver? _otlp;
    private AppServer? _first;
    private AppServer? _second;

    public AppServer First => _first ?? throw new InvalidOperationException("Not started.");

    public AppServer Second => _second ?? throw new InvalidOperationException("Not started.");

    public CertifiedOpenIdProvider Provider => _provider ?? throw new InvalidOperationException("Not started.");

    public OtlpReceiver Otlp => _otlp ?? throw new InvalidOperationException("Not started.");

    public RedisServer Redis => _redis;

    public FakeAwsServer Aws => _aws ?? throw new InvalidOperationException("Not started.");

    /// <summary>The provider's sign-in page (its authorization endpoint hands the browser to an interaction there).</summary>
    public Regex SignInAtTheProvider => new("^" + Regex.Escape(Provider.Issuer + "interaction/"));

    /// <summary>Opens <paramref name="app"/> in <paramref name="page"/>, which sends the browser to the provider; picks <paramref name="user"/> there and comes back signed in.</summary>
    public async Task<IPage> SignInAsync(IPage page, AppServer app, string user)
    {
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(SignInAtTheProvider);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {user}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl.ToString());
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Polls <paramref name="app"/>'s <c>/healthz/ready</c> until its answer passes <paramref name="state"/>; returns that answer.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> WaitForReadinessAsync(AppServer app, Func<HttpStatusCode, string, bool> state, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        (HttpStatusCode, string) last = default;
        try
        {
            do
            {
                using HttpResponseMessage response = await app.Http.GetAsync("healthz/ready", timeout.Token);
                last = (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
                if (state(last.Item1, last.Item2))
                {
                    return last;
                }
            }
            while (await poll.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        throw new Xunit.Sdk.XunitException($"{app.BaseUrl}healthz/ready never said {what}; last: {(int)last.Item1} {last.Item2}");
    }

    public async Task InitializeAsync()
    {
        _aws = FakeAwsServer.Start(new FakeAwsScenario());
        await _redis.StartAsync();
        // The provider's address first (the portal's configuration names it); it starts once the portal's addresses are known.
        _provider = new CertifiedOpenIdProvider();
        _otlp = OtlpReceiver.Start();
        var portal = new Dictionary<string, string>
        {
            ["IcaKms__Authentication__Authority"] = Provider.Issuer.ToString(),
            ["IcaKms__Authentication__ClientId"] = CertifiedOpenIdProvider.ClientId,
            ["IcaKms__Authentication__ClientSecret"] = CertifiedOpenIdProvider.ClientSecret,
            ["IcaKms__Authentication__RequireHttpsMetadata"] = "false",
            ["IcaKms__Authentication__Scopes__0"] = "email",
            ["IcaKms__Authentication__Scopes__1"] = "groups",
            ["IcaKms__Authentication__RequiredClaimValue"] = CertifiedOpenIdProvider.UsersGroup,
            ["IcaKms__Authentication__ApplyClaimValue"] = CertifiedOpenIdProvider.AppliersGroup,
            ["IcaKms__DataProtection__RedisConnectionString"] = _redis.ConnectionString,
            ["IcaKms__RateLimits__CredentialChecksPerMinute"] = CredentialChecksPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _first = new AppServer(new Dictionary<string, string>(portal)
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Url.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        }, _aws);
        _second = new AppServer(portal, _aws);
        await Task.WhenAll(_first.InitializeAsync(), _second.InitializeAsync());
        await _provider.StartAsync([_first.BaseUrl, _second.BaseUrl]);
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_otlp is not null)
        {
            await _otlp.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (_aws is not null)
        {
            await _aws.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }
}

/// <summary>The portal tests share the two instances, the provider and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalAppServers>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Portal";
}
