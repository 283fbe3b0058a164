using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.FakeAws;

namespace IcaKms.E2E.Tests.Ica;

/// <summary>
/// An app of its own for the lost-answer tests: its own fake AWS, with one ICA IAM user per test (IAM's two keys per
/// user are then not shared between tests), its own fake ICA, and a 2 s ICA timeout, so a held answer is given up on soon.
/// </summary>
public sealed class LostAnswerApp : IAsyncLifetime
{
    /// <summary>The IAM users, each holding the working policy of the fake account's default user.</summary>
    public static readonly IReadOnlyList<string> Users = ["ica-lost-a", "ica-lost-b", "ica-lost-c"];

    private readonly FakeAwsServer _aws = StartAws();

    private AppServer? _app;

    public AppServer App => _app ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _app = new AppServer(new Dictionary<string, string> { ["IcaKms__IcaTimeout"] = "00:00:02" }, _aws);
        return _app.InitializeAsync();
    }

    private static FakeAwsServer StartAws()
    {
        var scenario = new FakeAwsScenario();
        return FakeAwsServer.Start(scenario with
        {
            UserPolicies = Users.ToDictionary(u => u, _ => (IReadOnlyList<string>)[scenario.DefaultPolicyArn], StringComparer.Ordinal),
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _aws.DisposeAsync();
    }
}
