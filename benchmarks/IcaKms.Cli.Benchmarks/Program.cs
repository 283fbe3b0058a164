using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using IcaKms.Cli;
using IcaKms.Cli.Aws;
using IcaKms.FakeAws;

// `icakms check` over many setups against the loopback fake AWS with a latency injected into every answer: prints the
// wall time of the whole run against that of one setup checked alone (the slowest a single setup takes), and the ratio.
// With the setups checked concurrently the ratio stays near 1 as long as the bound covers them.
// Usage: dotnet run -c Release --project benchmarks/IcaKms.Cli.Benchmarks [-- SETUPS LATENCY_MS PARALLEL...]
int setups = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
int latencyMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
int[] bounds = args.Length > 2 ? [.. args[2..].Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [16, setups];

await using FakeAwsServer aws = FakeAwsServer.Start(new FakeAwsScenario { Latency = TimeSpan.FromMilliseconds(latencyMs) });
string config = Path.Combine(Path.GetTempPath(), $"icakms-bench-{Guid.NewGuid():N}.json");
File.WriteAllText(config, new JsonObject
{
    ["setups"] = new JsonArray([.. Enumerable.Range(1, setups).Select(i => (JsonNode)new JsonObject
    {
        ["name"] = $"setup-{i:D3}",
        ["region"] = aws.Scenario.Region,
        ["bucket"] = aws.Scenario.BucketName,
        ["keyArn"] = aws.Scenario.DefaultKeyArn,
        ["prefix"] = "ica/",
        ["iamUser"] = FakeAwsScenario.DefaultIamUserName,
    })]),
}.ToJsonString());

string[] one = ["check", "--endpoint-url", aws.Url.AbsoluteUri, "--region", aws.Scenario.Region, "--bucket", aws.Scenario.BucketName,
    "--key-arn", aws.Scenario.DefaultKeyArn, "--prefix", "ica/", "--iam-user", FakeAwsScenario.DefaultIamUserName, "--output", "json"];

// Warm-up (JIT, connection pools), then the single setup three times: its median is the yardstick.
await RunAsync(one);
var singles = new List<TimeSpan>();
for (int i = 0; i < 3; i++)
{
    singles.Add((await RunAsync(one)).Wall);
}

singles.Sort();
TimeSpan single = singles[1];
Console.WriteLine($"icakms check benchmark: {setups} setups, {latencyMs} ms per AWS answer (loopback fake), {Environment.ProcessorCount} cores");
Console.WriteLine($"  one setup alone (median of 3)   {single.TotalMilliseconds,8:0} ms");
foreach (int bound in bounds)
{
    (TimeSpan wall, JsonNode report) = await RunAsync(["check", "--endpoint-url", aws.Url.AbsoluteUri, "--config", config, "--parallel", bound.ToString(CultureInfo.InvariantCulture), "--output", "json"]);
    double slowest = report["setups"]!.AsArray().Max(s => (double)s!["elapsedSeconds"]!) * 1000;
    int pass = (int)report["summary"]!["pass"]!;
    Console.WriteLine($"  {setups} setups, --parallel {bound,-3}     {wall.TotalMilliseconds,8:0} ms   ratio to one setup {wall / single,5:0.00}x   slowest setup in the run {slowest:0} ms   {pass} of {setups} pass");
}

File.Delete(config);
return 0;

async Task<(TimeSpan Wall, JsonNode Report)> RunAsync(string[] arguments)
{
    using var output = new StringWriter();
    using var error = new StringWriter();
    var host = new CliHost { Out = output, Error = error, Credentials = new FixedCredentials() };
    long started = Stopwatch.GetTimestamp();
    int code = await IcakmsCommand.RunAsync(arguments, host);
    TimeSpan wall = Stopwatch.GetElapsedTime(started);
    if (code is not (0 or 2))
    {
        throw new InvalidOperationException($"icakms exited {code}: {error}{output}");
    }

    return (wall, JsonNode.Parse(output.ToString())!);
}

internal sealed class FixedCredentials : IAwsCredentialSource
{
    public Task<AWSCredentials> ResolveAsync(string? profile, CancellationToken cancellationToken) =>
        Task.FromResult<AWSCredentials>(new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, "benchmark-secret", "benchmark-token"));
}
