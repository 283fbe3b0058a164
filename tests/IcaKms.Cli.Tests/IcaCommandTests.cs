using System.Text.Json.Nodes;
using IcaKms.FakeAws;
using IcaKms.FakeIca;

namespace IcaKms.Cli.Tests;

public sealed class IcaCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-ica-" + Guid.NewGuid().ToString("N"));
    private FakeIcaServer _ica = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _ica = await FakeIcaServer.StartAsync(new FakeIcaScenario
        {
            ValidationErrors = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["broken-bucket"] = "Access Denied (Service: S3, Status Code: 403, Error Code: AccessDenied)",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _ica.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Ica_WithoutTheApiKeyInTheEnvironment_SaysSoWithExit3()
    {
        CliResult result = await new CliRun().RunAsync(["ica", "apply", .. Setup("ica-lab-data"), "--credential", "x"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ICA_API_KEY is not set", result.Error, StringComparison.Ordinal);
        Assert.Empty(_ica.Requests);
    }

    [Fact]
    public async Task IcaApply_WithoutYes_PrintsThePlanWithCurlCommandsAndMakesNothing()
    {
        _ica.AddCredential("ica-storage");

        CliResult result = await Cli().RunAsync(["ica", "apply", .. Setup("ica-lab-data"), "--credential", "ica-storage"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Create the ICA storage configuration lab-data for s3://ica-lab-data/ica/", result.Out, StringComparison.Ordinal);
        Assert.Contains("X-API-Key: $ICA_API_KEY", result.Out, StringComparison.Ordinal);
        Assert.Contains("Run again with --yes", result.Out, StringComparison.Ordinal);
        Assert.Empty(_ica.Configurations);
        Assert.DoesNotContain(FakeIcaScenario.DefaultApiKey, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IcaApply_Yes_CreatesValidatesAndWatchesToOk_WithAnAuditEventPerChange()
    {
        _ica.AddCredential("ica-storage");
        string audit = Path.Combine(_dir, "audit.jsonl");

        CliResult result = await Cli().RunAsync(["ica", "apply", .. Setup("ica-lab-data"), "--credential", "ica-storage", "--share", "--yes", "--audit-log", audit]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("ICA validated lab-data: OK.", result.Out, StringComparison.Ordinal);
        Assert.Equal("lab-data", Assert.Single(_ica.Configurations).Name);
        string[] events = File.ReadAllLines(audit);
        Assert.True(events.Length >= 3, string.Join('\n', events));
        Assert.All(events, e => Assert.Equal("Done", (string?)JsonNode.Parse(e)!["Outcome"]));
        Assert.DoesNotContain(FakeIcaScenario.DefaultApiKey, result.All + string.Join('\n', events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IcaApply_ValidationError_Exits1WithCoresReadingOfTheMessage()
    {
        _ica.AddCredential("ica-storage");

        CliResult result = await Cli().RunAsync(["ica", "apply", .. Setup("broken-bucket"), "--credential", "ica-storage", "--yes"]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("ICA's validation of lab-data failed: Access Denied", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IcaApply_UnknownCredential_NamesTheOptionWithExit3()
    {
        CliResult result = await Cli().RunAsync(["ica", "apply", .. Setup("ica-lab-data"), "--credential", "nope"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--credential: ICA has no storage credential named or with id 'nope'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IcaApply_CreateAccessKey_MakesTheKeyInAwsAndHandsItsSecretToIca()
    {
        await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario());

        CliResult result = await Cli().RunAsync(
            ["ica", "apply", .. Setup("ica-lab-data"), "--iam-user", FakeAwsScenario.DefaultIamUserName, "--create-access-key", "--endpoint-url", aws.Url.AbsoluteUri, "--yes"]);

        Assert.True(result.ExitCode == 0, result.All);
        FakeIcaCredential credential = Assert.Single(_ica.Credentials);
        Assert.Equal(FakeAwsScenario.DefaultIamUserName, credential.Name);
        // The secret AWS made reached ICA (its digest matches) and went nowhere else IcaKms writes.
        Assert.NotNull(credential.SecretDigest);
        Assert.Equal(aws.AccessKeySecretDigest(credential.AccessKeyId!), credential.SecretDigest);
    }

    [Fact]
    public async Task IcaWatch_ASettledConfiguration_ReportsItsStatus()
    {
        FakeIcaCredential credential = _ica.AddCredential("ica-storage");
        _ica.AddConfiguration("lab-data", credential.Id, FakeIcaScenario.UsRegionId, "ica-lab-data", "ica/", null);

        CliResult result = await Cli().RunAsync("ica", "watch", "--ica-url", _ica.Url.AbsoluteUri, "--configuration-name", "lab-data");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("ICA validated lab-data: OK.", result.Out, StringComparison.Ordinal);
    }

    private CliRun Cli()
    {
        var cli = new CliRun();
        cli.Environment["ICA_API_KEY"] = FakeIcaScenario.DefaultApiKey;
        return cli;
    }

    private string[] Setup(string bucket) =>
    [
        "--ica-url", _ica.Url.AbsoluteUri, "--region", "us-east-1", "--bucket", bucket,
        "--key-arn", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "--prefix", "ica/", "--configuration-name", "lab-data",
    ];
}
