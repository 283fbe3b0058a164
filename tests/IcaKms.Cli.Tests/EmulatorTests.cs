using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using IcaKms.TestKit;

namespace IcaKms.Cli.Tests;

/// <summary>
/// <c>documents</c> and <c>check</c> against an AWS emulator (moto), not only the project's own fake: a bucket with
/// SSE-KMS default encryption under a customer managed key, made with the AWS SDK, checked by the CLI.
/// </summary>
public sealed class EmulatorTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icakms-moto-" + Guid.NewGuid().ToString("N"));
    private MotoServer? _moto;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [MotoFact]
    public async Task DocumentsAndCheck_AgainstMoto_RunAndJudgeTheBucketsEncryption()
    {
        _moto = await MotoServer.StartAsync();
        var credentials = new BasicAWSCredentials("AKIAMOTOEXAMPLE00001", "moto-secret");
        using var kms = new AmazonKeyManagementServiceClient(credentials, new AmazonKeyManagementServiceConfig { ServiceURL = _moto.Url.AbsoluteUri, AuthenticationRegion = "us-east-1" });
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = _moto.Url.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        string keyArn = (await kms.CreateKeyAsync(new CreateKeyRequest { Description = "icakms emulator test" })).KeyMetadata.Arn;
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "icakms-moto" });
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = "icakms-moto",
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule
                {
                    ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = keyArn },
                    BucketKeyEnabled = true,
                }],
            },
        });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "icakms-moto", Key = "ica/", ContentBody = string.Empty });
        string[] setup = ["--region", "us-east-1", "--bucket", "icakms-moto", "--key-arn", keyArn, "--prefix", "ica/"];
        var cli = new CliRun { AccessKeyId = "AKIAMOTOEXAMPLE00001" };

        CliResult documents = await cli.RunAsync(["documents", .. setup, "-o", _dir]);
        CliResult check = await cli.RunAsync(["check", .. setup, "--endpoint-url", _moto.Url.AbsoluteUri, "--output", "json"]);

        Assert.True(documents.ExitCode == 0, documents.All);
        Assert.Contains(keyArn, File.ReadAllText(Path.Combine(_dir, "iam-policy.json")), StringComparison.Ordinal);
        Assert.True(check.ExitCode is 0 or 1 or 2, check.All);
        JsonNode report = JsonNode.Parse(check.Out)!;
        JsonArray checks = report["setups"]![0]!["checks"]!.AsArray();
        Assert.Equal("pass", (string?)checks.Single(c => (string?)c!["id"] == "bucket-encryption")!["state"]);
        Assert.Equal("pass", (string?)checks.Single(c => (string?)c!["id"] == "bucket-region")!["state"]);
    }
}
