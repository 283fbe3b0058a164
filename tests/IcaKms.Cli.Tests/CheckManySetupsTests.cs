using System.Text.Json.Nodes;
using IcaKms.FakeAws;
using IcaKms.TestKit;

namespace IcaKms.Cli.Tests;

public sealed class CheckManySetupsTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-many-" + Guid.NewGuid().ToString("N"));
    private FakeAwsServer _aws = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _aws = FakeAwsServer.Start(new FakeAwsScenario());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _aws.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Check_ConfigFile_ReportsEverySetupInItsOrder_AndTheWorstExitCode()
    {
        string otherKey = _aws.Scenario.DefaultKeyArn.Replace("1234abcd", "9999abcd", StringComparison.Ordinal);
        string config = Write("setups.json", $$"""
            {
              // Comments and trailing commas are allowed.
              "setups": [
                { "name": "lab", "region": "us-east-1", "bucket": "ica-lab-data", "keyArn": "{{_aws.Scenario.DefaultKeyArn}}", "prefix": "ica/", "iamUser": "ica-storage" },
                { "name": "wrong-key", "region": "us-east-1", "bucket": "ica-lab-data", "keyArn": "{{otherKey}}", "prefix": "ica/" },
              ]
            }
            """);

        CliResult result = await new CliRun().RunAsync("check", "--endpoint-url", _aws.Url.AbsoluteUri, "--config", config, "--output", "json");

        Assert.True(result.ExitCode == 1, result.All);
        JsonArray setups = JsonNode.Parse(result.Out)!["setups"]!.AsArray();
        Assert.Equal(["lab", "wrong-key"], setups.Select(s => (string?)s!["name"]));
        Assert.Equal(["pass", "fail"], setups.Select(s => (string?)s!["verdict"]));
    }

    [Fact]
    public async Task Check_ConfigFileWithBadEntries_NamesTheFileEntryAndPropertyWithExit3()
    {
        string config = Write("bad.json", """
            {"setups": [
              {"region": "us-east-1", "bucket": "ok-bucket", "keyArn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
              {"region": "us-east-1", "bucket": "Bad_Bucket", "keyArn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
            ]}
            """);

        CliResult result = await new CliRun().RunAsync("check", "--endpoint-url", _aws.Url.AbsoluteUri, "--config", config);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{config}: setups[1].bucket: Bucket names cannot contain capital letters", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("setups[0].bucket", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _aws.RequestCount);
    }

    [Theory]
    [InlineData("""{"setups": [{"region": "us-east-1", "bucket": "b", "kmsKey": "x"}]}""", "kmsKey")]
    [InlineData("""{"setups": []}""", "holds no setup")]
    [InlineData("""not json""", "is not a setups file")]
    public async Task Check_UnusableConfigFile_SaysWhyWithExit3(string text, string expected)
    {
        string config = Write("unusable.json", text);

        CliResult result = await new CliRun().RunAsync("check", "--config", config);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("--config: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ConfigAndSetupOptionsTogether_AreRefusedWithExit3()
    {
        CliResult result = await new CliRun().RunAsync("check", "--config", Write("x.json", "{}"), "--bucket", "b");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("either in the file or as options", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ManySetups_RunConcurrentlyUpToTheBound()
    {
        // Every setup's first read (HeadBucket) waits until two are in flight at once: checked one after the other, the
        // first would wait forever (the gate gives up after 30 s and the checks then fail to run).
        var aws = new InMemoryAws();
        int inFlight = 0;
        int most = 0;
        var twoInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        aws.OnCall = async (call, ct) =>
        {
            if (call != "s3:HeadBucket")
            {
                return;
            }

            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            if (now >= 2)
            {
                twoInFlight.TrySetResult();
            }

            try
            {
                await twoInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        };
        string config = Write("four.json", $$"""
            {"setups": [{{string.Join(",", Enumerable.Range(1, 4).Select(i =>
                $$"""{"name": "s{{i}}", "region": "us-east-1", "bucket": "{{SampleAccount.Bucket}}", "keyArn": "{{SampleAccount.KeyArn}}", "prefix": "ica/"}"""))}}]}
            """);

        CliResult result = await new CliRun { AwsClients = _ => aws, AccessKeyId = InMemoryAws.GoodKeyPrefix + "0000000001" }.RunAsync("check", "--config", config, "--parallel", "2", "--output", "json");

        Assert.True(twoInFlight.Task.IsCompletedSuccessfully, result.All);
        Assert.Equal(2, Volatile.Read(ref most));
        Assert.Equal(4, aws.CallsTo("s3:HeadBucket"));
        Assert.Equal(4, JsonNode.Parse(result.Out)!["setups"]!.AsArray().Count);
    }

    [Fact]
    public async Task Check_EndpointFromTheEnvironment_IsUsedLikeTheWebApp()
    {
        var cli = new CliRun();
        cli.Environment["AWS_ENDPOINT_URL"] = _aws.Url.AbsoluteUri;

        CliResult result = await cli.RunAsync(
            "check", "--region", "us-east-1", "--bucket", "ica-lab-data", "--key-arn", _aws.Scenario.DefaultKeyArn, "--prefix", "ica/", "--profile", "audit");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(_aws.RequestCount > 0);
        Assert.Equal("audit", cli.ProfileAsked);
    }

    [Theory]
    [InlineData("--endpoint-url", "ftp://example", "--endpoint-url: 'ftp://example' is not an http:// or https:// URL.")]
    [InlineData("AWS_ENDPOINT_URL", "not a url", "AWS_ENDPOINT_URL: 'not a url' is not an http:// or https:// URL.")]
    public async Task Check_BadEndpoint_IsNamedWithExit3(string where, string value, string message)
    {
        var cli = new CliRun();
        string[] args = ["check", "--region", "us-east-1", "--bucket", "ica-lab-data", "--key-arn", _aws.Scenario.DefaultKeyArn, "--prefix", "ica/"];
        if (where.StartsWith("--", StringComparison.Ordinal))
        {
            args = [.. args, where, value];
        }
        else
        {
            cli.Environment[where] = value;
        }

        CliResult result = await cli.RunAsync(args);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
