using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.FakeAws;

namespace IcaKms.E2E.Tests.Ica;

/// <summary>
/// An app of its own for ICA browser tests whose IAM users' keys must not be shared with other tests (IAM holds two
/// keys a user): its own fake AWS, where each of the given IAM users holds the working policy of the fake account's
/// default user, its own fake ICA, and the app settings the tests ask for.
/// </summary>
public abstract class OwnIcaApp : IAsyncLifetime
{
    private readonly FakeAwsServer _aws;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private AppServer? _app;

    protected OwnIcaApp(IReadOnlyList<string> iamUsers, IReadOnlyDictionary<string, string> settings)
    {
        _aws = StartAws(iamUsers);
        _settings = settings;
    }

    public AppServer App => _app ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _app = new AppServer(_settings, _aws);
        return _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _aws.DisposeAsync();
    }

    private static FakeAwsServer StartAws(IReadOnlyList<string> iamUsers)
    {
        var scenario = new FakeAwsScenario();
        return FakeAwsServer.Start(scenario with
        {
            UserPolicies = iamUsers.ToDictionary(u => u, _ => (IReadOnlyList<string>)[scenario.DefaultPolicyArn], StringComparer.Ordinal),
        });
    }
}
