using System.Text.Json.Nodes;
using IcaKms.Core.Aws;
using IcaKms.FakeAws;

namespace IcaKms.Cli.Tests;

public sealed class ApplyCommandTests : IAsyncLifetime
{
    private static readonly BucketEncryption SseS3 = new("AES256", null, false, []);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-apply-" + Guid.NewGuid().ToString("N"));
    private FakeAwsServer? _aws;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_aws is not null)
        {
            await _aws.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Apply_ReadySetup_PlansNothingAndExits0()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario());

        CliResult result = await new CliRun().RunAsync(Args(aws));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Account 111122223333, principal arn:aws:sts::111122223333:assumed-role/IcaKmsAdmin/admin", result.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing to change.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WithoutYes_PrintsThePlanWithDiffAndCommands_AndSendsNoWrite()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = SseS3 });

        CliResult result = await new CliRun().RunAsync(Args(aws));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Set the default encryption of ica-lab-data to SSE-KMS", result.Out, StringComparison.Ordinal);
        Assert.Contains("Needs s3:PutEncryptionConfiguration", result.Out, StringComparison.Ordinal);
        // The command stays on one line, as it is copied.
        Assert.Contains(result.Out.Split('\n'), l => l.Contains("aws s3api put-bucket-encryption", StringComparison.Ordinal) && l.Contains("\"BucketKeyEnabled\":true}]}'", StringComparison.Ordinal));
        Assert.Contains("+ ", result.Out, StringComparison.Ordinal);
        Assert.Contains("Run again with --yes to apply them to AWS account 111122223333", result.Out, StringComparison.Ordinal);
        Assert.Equal("AES256", aws.Bucket("ica-lab-data")!.Encryption!.SseAlgorithm);
        Assert.DoesNotContain(aws.Requests, r => r.Method is "PUT" or "DELETE");
    }

    [Fact]
    public async Task Apply_DryRun_PrintsTheAwsCliEquivalentsOnly()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = SseS3 });

        CliResult result = await new CliRun().RunAsync([.. Args(aws), "--dry-run"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.StartsWith("# ", result.Out, StringComparison.Ordinal);
        Assert.Contains("aws s3api put-bucket-encryption", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Account ", result.Out, StringComparison.Ordinal);
        Assert.Equal("AES256", aws.Bucket("ica-lab-data")!.Encryption!.SseAlgorithm);
    }

    [Fact]
    public async Task Apply_Yes_AppliesWritesTheAuditEventVerifiesAndPlansNothingAfter()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = SseS3 });
        string audit = Path.Combine(_dir, "audit.jsonl");

        CliResult result = await new CliRun().RunAsync([.. Args(aws), "--yes", "--audit-log", audit]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("aws:kms", aws.Bucket("ica-lab-data")!.Encryption!.SseAlgorithm);
        Assert.Contains("Applying 1 change(s) to AWS account 111122223333 as arn:aws:sts::111122223333:assumed-role/IcaKmsAdmin/admin.", result.Out, StringComparison.Ordinal);
        Assert.Contains("done Set the default encryption", result.Out, StringComparison.Ordinal);
        Assert.Contains("Planned again: nothing left to change.", result.Out, StringComparison.Ordinal);
        JsonNode line = JsonNode.Parse(Assert.Single(File.ReadAllLines(audit)))!;
        Assert.Equal("IcaKms.Audit", (string?)line["category"]);
        Assert.Equal(1100, (int)line["eventId"]!);
        Assert.Equal("ChangeApplied", (string?)line["eventName"]);
        Assert.Equal("Done", (string?)line["Outcome"]);
        Assert.Equal("s3:PutEncryptionConfiguration", (string?)line["Action"]);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/IcaKmsAdmin/admin", (string?)line["Principal"]);
        Assert.StartsWith("sha256:", (string?)line["AfterDigest"], StringComparison.Ordinal);
        string all = result.All + File.ReadAllText(audit);
        Assert.DoesNotContain(CliRun.Secret, all, StringComparison.Ordinal);
        Assert.DoesNotContain(CliRun.SessionToken, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_YesAndDryRun_AreRefusedWithExit3()
    {
        CliResult result = await new CliRun().RunAsync("apply", "--bucket", "b", "--yes", "--dry-run");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--dry-run: give --yes or --dry-run, not both.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SseKmsBucket_WritesChecksAndRemovesTheTestObject()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario());

        CliResult result = await new CliRun().RunAsync(["verify", .. Args(aws)[1..]]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains(aws.Requests, r => r.Method == "PUT" && r.PathAndQuery.Contains("icakms-verification-", StringComparison.Ordinal));
        Assert.Contains(aws.Requests, r => r.Method == "DELETE" && r.PathAndQuery.Contains("icakms-verification-", StringComparison.Ordinal));
        Assert.DoesNotContain(aws.Bucket("ica-lab-data")!.Objects, o => o.Key.Contains("icakms-verification-", StringComparison.Ordinal) && !o.IsDeleteMarker);
    }

    [Fact]
    public async Task Verify_SseS3Bucket_FailsWithExit1()
    {
        FakeAwsServer aws = Start(new FakeAwsScenario { Encryption = SseS3 });

        CliResult result = await new CliRun().RunAsync(["verify", .. Args(aws)[1..]]);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.NotEqual(string.Empty, result.Error.Trim());
    }

    private FakeAwsServer Start(FakeAwsScenario scenario) => _aws = FakeAwsServer.Start(scenario);

    private static string[] Args(FakeAwsServer aws) =>
    [
        "apply", "--endpoint-url", aws.Url.AbsoluteUri,
        "--region", aws.Scenario.Region, "--bucket", aws.Scenario.BucketName, "--key-arn", aws.Scenario.DefaultKeyArn,
        "--prefix", "ica/", "--iam-user", FakeAwsScenario.DefaultIamUserName,
    ];
}
