using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using IcaKms.Core.Aws;
using IcaKms.FakeAws;
using Json.Schema;

namespace IcaKms.Cli.Tests;

public sealed class CheckCommandTests : IAsyncLifetime
{
    // The schema registers its $id once per process: read it once.
    private static readonly Lazy<JsonSchema> ReportSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cli-check.schema.json"))));

    private readonly List<FakeAwsServer> _servers = [];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-check-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (FakeAwsServer server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Check_ReadySetup_PassesWithATableAndExit0()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario());

        CliResult result = await new CliRun().RunAsync(Args(aws));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Checked as arn:aws:sts::111122223333:assumed-role/IcaKmsAdmin/admin", result.Out, StringComparison.Ordinal);
        Assert.Contains("ica-lab-data (s3://ica-lab-data, us-east-1): pass", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 setup(s)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BucketWithoutSseKms_FailsWithExit1()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = new BucketEncryption("AES256", null, false, []) });

        CliResult result = await new CliRun().RunAsync(Args(aws));

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("): fail", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WarningOnly_Exits2()
    {
        // A bucket without Block Public Access is usable for ICA but worth a look.
        FakeAwsServer aws = Start(new FakeAwsScenario { PublicAccessBlock = null });

        CliResult result = await new CliRun().RunAsync(Args(aws));

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("): warning", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoCredentials_CouldNotRunWithExit3()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario());

        CliResult result = await new CliRun { AccessKeyId = null }.RunAsync(Args(aws));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No AWS credentials found", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, aws.RequestCount);
    }

    [Fact]
    public async Task Check_RefusedCredentials_Exit3AndNoSecretInAnyOutput()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario());
        var cli = new CliRun { AccessKeyId = "ASIAUNKNOWNKEY000001" };
        string junit = Path.Combine(_dir, "refused.xml");

        CliResult table = await cli.RunAsync(Args(aws));
        CliResult json = await cli.RunAsync([.. Args(aws), "--output", "json"]);
        CliResult xml = await cli.RunAsync([.. Args(aws), "--output", "junit", "--output-file", junit]);

        Assert.Equal([3, 3, 3], new[] { table.ExitCode, json.ExitCode, xml.ExitCode });
        Assert.Contains("AWS refused the credentials", table.Out, StringComparison.Ordinal);
        AssertNoSecret(table.All + json.All + xml.All + File.ReadAllText(junit));
    }

    [Fact]
    public async Task Check_EveryOutputOfAWorkingRun_HoldsNoSecret()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = new BucketEncryption("AES256", null, false, []) });
        var cli = new CliRun();

        CliResult table = await cli.RunAsync(Args(aws));
        CliResult json = await cli.RunAsync([.. Args(aws), "--output", "json"]);
        CliResult junit = await cli.RunAsync([.. Args(aws), "--output", "junit"]);

        Assert.Equal([1, 1, 1], new[] { table.ExitCode, json.ExitCode, junit.ExitCode });
        AssertNoSecret(table.All + json.All + junit.All);
    }

    [Fact]
    public async Task Check_Json_FollowsTheDocumentedSchema()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = new BucketEncryption("AES256", null, false, []) });

        CliResult result = await new CliRun().RunAsync([.. Args(aws), "--output", "json"]);

        Assert.Equal(1, result.ExitCode);
        JsonSchema schema = ReportSchema.Value;
        using JsonDocument report = JsonDocument.Parse(result.Out);
        EvaluationResults evaluation = schema.Evaluate(report.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, JsonSerializer.Serialize(evaluation));
        JsonNode node = JsonNode.Parse(result.Out)!;
        Assert.Equal("icakms-check/1", (string?)node["schema"]);
        Assert.Equal(1, (int)node["exitCode"]!);
        Assert.Equal("fail", (string?)node["setups"]![0]!["verdict"]);
        Assert.Contains(node["setups"]![0]!["checks"]!.AsArray(), c => (string?)c!["state"] == "fail");
    }

    [Fact]
    public void Check_JsonSchema_RefusesAReportOfAnotherShape()
    {
        JsonSchema schema = ReportSchema.Value;
        using JsonDocument wrong = JsonDocument.Parse("""{"schema":"icakms-check/1","exitCode":7,"setups":[{"verdict":"fine"}]}""");

        Assert.False(schema.Evaluate(wrong.RootElement).IsValid);
    }

    [Fact]
    public async Task Check_JUnitFile_HasOneSuitePerSetupAndAFailurePerFailedCheck()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = new BucketEncryption("AES256", null, false, []) });
        string file = Path.Combine(_dir, "report.xml");

        CliResult result = await new CliRun().RunAsync([.. Args(aws), "--output", "junit", "--output-file", file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains("report in " + file, result.Error, StringComparison.Ordinal);
        XDocument junit = XDocument.Load(file);
        XElement suites = junit.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        XElement suite = Assert.Single(suites.Elements("testsuite"));
        Assert.Equal("ica-lab-data", (string?)suite.Attribute("name"));
        int failures = suite.Elements("testcase").Count(c => c.Element("failure") is not null);
        Assert.True(failures > 0);
        Assert.Equal(failures, (int)suite.Attribute("failures")!);
        Assert.Equal(suite.Elements("testcase").Count(), (int)suite.Attribute("tests")!);
        Assert.Equal(failures, (int)suites.Attribute("failures")!);
    }

    private static void AssertNoSecret(string output)
    {
        Assert.DoesNotContain(CliRun.Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(CliRun.SessionToken, output, StringComparison.Ordinal);
        Assert.DoesNotContain("YSECRETKEY", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAKESESSIONTOKEN", output, StringComparison.Ordinal);
    }

    private FakeAwsServer Start(FakeAwsScenario scenario)
    {
        FakeAwsServer server = FakeAwsServer.Start(scenario);
        _servers.Add(server);
        return server;
    }

    private static string[] Args(FakeAwsServer aws) =>
    [
        "check", "--endpoint-url", aws.Url.AbsoluteUri,
        "--region", aws.Scenario.Region, "--bucket", aws.Scenario.BucketName, "--key-arn", aws.Scenario.DefaultKeyArn,
        "--prefix", "ica/", "--iam-user", FakeAwsScenario.DefaultIamUserName,
    ];
}
