using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Aws;
using IcaKms.Core.Bundle;
using IcaKms.Core.Checks;
using IcaKms.Core.Documents;
using IcaKms.Core.Export;
using IcaKms.Core.Policies;
using IcaKms.Core.Setup;
using IcaKms.FakeAws;

namespace IcaKms.Cli.Tests;

public sealed class ExportCommandTests : IAsyncLifetime
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-export-" + Guid.NewGuid().ToString("N"));
    private FakeAwsServer? _aws;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_aws is not null)
        {
            await _aws.DisposeAsync();
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    public static TheoryData<string, string[], SetupInputs> Setups()
    {
        string role = IcaRegions.FindByAwsRegion("us-east-1")!.CrossAccountRoleArn!;
        var plain = new SetupInputs { AwsRegion = "us-east-1", BucketName = "my-ica-bucket", KeyArn = KeyArn };
        var data = new TheoryData<string, string[], SetupInputs>();
        foreach (string format in new[] { "terraform", "cloudformation" })
        {
            data.Add(format, [], plain);
            data.Add(format, ["--prefix", "runs/", "--versioned", "--scope-objects-to-prefix"], plain with { KeyPrefix = "runs/", Variant = PolicyVariant.Versioned, ScopeObjectsToPrefix = true });
            data.Add(format, ["--cross-account", "--iam-user", "lab-ica", "--policy-arn", "arn:aws:iam::111122223333:policy/lab-ica-access"],
                plain with { CrossAccountCopy = true, CrossAccountRoleArn = role, IamUserName = "lab-ica", PolicyArn = "arn:aws:iam::111122223333:policy/lab-ica-access" });
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Export_Offline_WritesTheZipsFilesOfTheFormatByteForByte(string format, string[] extra, SetupInputs wizard)
    {
        CliResult result = await new CliRun().RunAsync(
            ["export", "--format", format, "--region", "us-east-1", "--bucket", "my-ica-bucket", "--key-arn", KeyArn, .. extra, "-o", _dir]);

        Assert.True(result.ExitCode == 0, result.All);
        // The wizard's zip for the same choices (ExportBundle without a live subject): the format's files, their names and bytes.
        IReadOnlyList<SetupBundleFile> zip = ExportBundle.CreateFiles(SetupDocuments.Create(wizard, SetupValidation.Of(wizard)).Content);
        string[] expected = format == "terraform"
            ? [ExportFiles.MainTf, ExportFiles.VariablesTf, ExportFiles.OutputsTf, ExportFiles.TerraformReadme]
            : [ExportFiles.CloudFormationTemplate, ExportFiles.CloudFormationReadme, .. zip.Any(f => f.Name == ExportFiles.CloudFormationImports) ? [ExportFiles.CloudFormationImports] : Array.Empty<string>()];
        AssertWritten(zip.Where(f => expected.Contains(f.Name)).ToList(), expected.Length);
        Assert.Contains(Path.Combine(_dir, expected[0]), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OfflineWithAPolicyArn_WritesTheCloudFormationImportList()
    {
        CliResult result = await new CliRun().RunAsync(
            "export", "--format", "cloudformation", "--region", "us-east-1", "--bucket", "my-ica-bucket", "--key-arn", KeyArn,
            "--policy-arn", "arn:aws:iam::111122223333:policy/lab-ica-access", "-o", _dir);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(File.Exists(Path.Combine(_dir, ExportFiles.CloudFormationImports)));
    }

    [Fact]
    public async Task Export_Connected_WritesTheFilesOfThePlan_WithImportsForWhatExists()
    {
        FakeAwsServer aws = _aws = FakeAwsServer.Start(new FakeAwsScenario());
        string[] setup = ["--region", aws.Scenario.Region, "--bucket", aws.Scenario.BucketName, "--key-arn", aws.Scenario.DefaultKeyArn,
            "--prefix", "ica/", "--iam-user", FakeAwsScenario.DefaultIamUserName, "--cross-account"];

        CliResult result = await new CliRun().RunAsync(["export", "--format", "terraform", "--connected", "--endpoint-url", aws.Url.AbsoluteUri, .. setup, "-o", _dir]);

        Assert.True(result.ExitCode == 0, result.All);
        // What Core makes of the same inspection, read here through the same SDK clients.
        SetupInputs inputs = ConnectedInputs(aws.Scenario);
        ExportSubject subject = await LiveSubjectAsync(aws, inputs);
        Assert.True(subject.BucketExists && subject.UserExists);
        IReadOnlyList<SetupBundleFile> files = ExportFiles.Terraform(subject);
        AssertWritten(files, files.Count);
        Assert.Contains("import {", File.ReadAllText(Path.Combine(_dir, ExportFiles.MainTf)), StringComparison.Ordinal);
        // Export reads; it never writes (S3's writes are PUT and DELETE).
        Assert.DoesNotContain(aws.Requests, r => r.Method is "PUT" or "DELETE");
    }

    [Fact]
    public async Task Export_BadFormat_IsRefusedWithTheChoicesAndExit3()
    {
        CliResult result = await new CliRun().RunAsync(
            "export", "--format", "pulumi", "--region", "us-east-1", "--bucket", "my-ica-bucket", "--key-arn", KeyArn, "-o", _dir);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("pulumi", result.Error, StringComparison.Ordinal);
        Assert.Contains("terraform", result.Error, StringComparison.Ordinal);
        Assert.Contains("cloudformation", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public async Task Export_BadBucket_NamesTheOptionAndExit3WithoutWriting()
    {
        CliResult result = await new CliRun().RunAsync(
            "export", "--format", "terraform", "--region", "us-east-1", "--bucket", "My_Bucket", "--key-arn", KeyArn, "-o", _dir);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--bucket: Bucket names cannot contain capital letters", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public async Task Export_ProfileWithoutConnected_IsRefusedWithExit3()
    {
        var run = new CliRun();
        CliResult result = await run.RunAsync(
            "export", "--format", "terraform", "--profile", "admin", "--region", "us-east-1", "--bucket", "my-ica-bucket", "--key-arn", KeyArn, "-o", _dir);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("give --connected", result.Error, StringComparison.Ordinal);
        Assert.Null(run.ProfileAsked);
    }

    [Fact]
    public async Task Help_Export_ShowsTheFormatsAndExamples()
    {
        CliResult result = await new CliRun().RunAsync("export", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains("icakms export --format terraform ", result.Out, StringComparison.Ordinal);
        Assert.Contains("icakms export --format cloudformation ", result.Out, StringComparison.Ordinal);
        Assert.Contains("--connected", result.Out, StringComparison.Ordinal);
    }

    private void AssertWritten(IReadOnlyList<SetupBundleFile> expected, int count)
    {
        Assert.Equal(count, expected.Count);
        Assert.Equal(
            expected.Select(f => Path.Combine(_dir, f.Name.Replace('/', Path.DirectorySeparatorChar))).Order(),
            Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Order());
        foreach (SetupBundleFile file in expected)
        {
            // The bytes the zip holds for the entry (SetupBundle.Zip writes UTF-8 without a BOM).
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(file.Text), File.ReadAllBytes(Path.Combine(_dir, file.Name)));
        }
    }

    private static async Task<ExportSubject> LiveSubjectAsync(FakeAwsServer aws, SetupInputs inputs)
    {
        IAwsGatewayFactory factory = AwsClientFactory.WithIamQueryClient(new AwsClientSettings { Endpoint = aws.Url });
        var credentials = new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, CliRun.Secret, CliRun.SessionToken);
        Result<CallerIdentity, AwsFailure> identity = await factory.IdentifyAsync(credentials, inputs.AwsRegion, CancellationToken.None);
        var session = new AwsSession(AwsSessionSource.ServerChain, credentials, identity.Value!, aws.Url);
        AwsGateways gateways = factory.Create(session, inputs.AwsRegion);
        InspectionRequest request = InspectionRequest.Create(inputs, SetupValidation.Of(inputs));
        LiveSnapshot snapshot = await Inspection.RunAsync(gateways, request, s3InRegion: _ => gateways.S3);
        return ExportFromPlan.Create(SetupDocuments.Create(inputs, SetupValidation.Of(inputs)).Content, request, snapshot, identity.Value!.Arn);
    }

    // The wizard's inputs for the connected test's options.
    private static SetupInputs ConnectedInputs(FakeAwsScenario scenario) => new()
    {
        AwsRegion = scenario.Region,
        BucketName = scenario.BucketName,
        KeyArn = scenario.DefaultKeyArn,
        KeyPrefix = "ica/",
        IamUserName = FakeAwsScenario.DefaultIamUserName,
        CrossAccountCopy = true,
        CrossAccountRoleArn = IcaRegions.FindByAwsRegion(scenario.Region)!.CrossAccountRoleArn!,
    };
}
