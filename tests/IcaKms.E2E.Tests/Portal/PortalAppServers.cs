using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.FakeAws;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// The app as a portal: two instances sharing one Data Protection keys folder, both signing in through a loopback
/// <see cref="FakeOpenIdProvider"/> (users need the <see cref="FakeOpenIdProvider.UsersGroup"/> group; applying needs
/// <see cref="FakeOpenIdProvider.AppliersGroup"/>), with a limit of <see cref="CredentialChecksPerMinute"/> credential
/// checks per user, and the first exporting telemetry to an in-test <see cref="OtlpReceiver"/>.
/// </summary>
public sealed class PortalAppServers : IAsyncLifetime
{
    public const int CredentialChecksPerMinute = 3;

    private readonly string _keysPath = Path.Combine(Path.GetTempPath(), "icakms-e2e-keys-" + Guid.NewGuid().ToString("N"));
    private FakeAwsServer? _aws;
    private FakeOpenIdProvider? _provider;
    private OtlpReceiver? _otlp;
    private AppServer? _first;
    private AppServer? _second;

    public AppServer First => _first ?? throw new InvalidOperationException("Not started.");

    public AppServer Second => _second ?? throw new InvalidOperationException("Not started.");

    public FakeOpenIdProvider Provider => _provider ?? throw new InvalidOperationException("Not started.");

    public OtlpReceiver Otlp => _otlp ?? throw new InvalidOperationException("Not started.");

    public FakeAwsServer Aws => _aws ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _aws = FakeAwsServer.Start(new FakeAwsScenario());
        _provider = FakeOpenIdProvider.Start();
        _otlp = OtlpReceiver.Start();
        var portal = new Dictionary<string, string>
        {
            ["IcaKms__Authentication__Authority"] = Provider.Issuer.ToString(),
            ["IcaKms__Authentication__ClientId"] = FakeOpenIdProvider.ClientId,
            ["IcaKms__Authentication__ClientSecret"] = FakeOpenIdProvider.ClientSecret,
            ["IcaKms__Authentication__RequireHttpsMetadata"] = "false",
            ["IcaKms__Authentication__RequiredClaimValue"] = FakeOpenIdProvider.UsersGroup,
            ["IcaKms__Authentication__ApplyClaimValue"] = FakeOpenIdProvider.AppliersGroup,
            ["IcaKms__DataProtection__KeysPath"] = _keysPath,
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

        if (Directory.Exists(_keysPath))
        {
            Directory.Delete(_keysPath, recursive: true);
        }
    }
}

/// <summary>The portal tests share the two instances, the provider and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalAppServers>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Portal";
}
