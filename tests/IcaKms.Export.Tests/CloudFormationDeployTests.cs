using System.Text.Json.Nodes;
using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Adapters;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using IcaKms.Core.Export;
using IcaKms.Core.Setup;
using IcaKms.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IcaKms.Export.Tests;

/// <summary>
/// The exported CloudFormation template deployed on moto's emulator with the AWS CLI, the prefix folder made with the
/// template's own PrefixFolderCommand output, then IcaKms's live checks (its gateways, inspection and checks, as the
/// web app runs them with AWS_ENDPOINT_URL) against what was deployed: every check passes, and a second deploy changes
/// nothing. moto runs through moto_with_s3_cfn.py, which applies the three AWS::S3::Bucket properties moto's
/// CloudFormation ignores (BucketKeyEnabled, OwnershipControls, PublicAccessBlockConfiguration).
/// </summary>
public class CloudFormationDeployTests(ITestOutputHelper output)
{
    private const string Stack = "ica-sse-kms";

    /// <summary>Every check <see cref="LiveChecks.Evaluate"/> can return (cross-account copy is chosen, so all of them).</summary>
    private static readonly string[] EveryCheck =
        [.. typeof(LiveCheckIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [ToolFact(Tool.Moto)]
    public async Task Template_DeploysIntoASetupEveryLiveCheckPasses_AndASecondDeployChangesNothing()
    {
        await using DeployedStack stack = await DeployedStack.CreateAsync();
        IReadOnlyList<SetupCheck> checks = await stack.InspectAsync();

        output.WriteLine(Describe(checks));
        Assert.Equal(EveryCheck.Order(), checks.Select(c => c.Id).Order());
        SetupCheck[] failing = [.. checks.Where(c => c.State != CheckState.Pass)];
        Assert.True(failing.Length == 0, "Checks that should pass:\n" + Describe(failing));

        string resourcesBefore = await stack.ResourcesAsync();
        string again = await stack.Cli.RunAsync(allowFailure: true, "cloudformation", "deploy", "--stack-name", Stack, "--template-file", ExportFiles.CloudFormationTemplate, "--capabilities", "CAPABILITY_NAMED_IAM");
        Assert.Matches("No updates are to be performed|No changes to deploy", again);
        Assert.Equal(resourcesBefore, await stack.ResourcesAsync());
        Assert.Equal(checks.Select(c => (c.Id, c.State)), (await stack.InspectAsync()).Select(c => (c.Id, c.State)));
    }

    /// <summary>
    /// The bucket settings moto's own CloudFormation ignores (applied by moto_with_s3_cfn.py): the template updated
    /// without one of them at a time fails exactly its check, the one before it passes again, and the whole template
    /// passes every check again, so the checks read what the template asked for, on update as on create.
    /// </summary>
    [ToolFact(Tool.Moto)]
    public async Task Template_UpdatedWithoutABucketSetting_FailsExactlyItsCheck()
    {
        await using DeployedStack stack = await DeployedStack.CreateAsync();
        (string Check, Action<JsonObject> Remove)[] settings =
        [
            (LiveCheckIds.BucketKey, bucket => bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!.AsObject().Remove("BucketKeyEnabled")),
            (LiveCheckIds.ObjectOwnership, bucket => bucket.Remove("OwnershipControls")),
            (LiveCheckIds.PublicAccess, bucket => bucket.Remove("PublicAccessBlockConfiguration")),
        ];

        foreach ((string check, Action<JsonObject> remove) in settings)
        {
            await stack.UpdateAsync(remove);
            IReadOnlyList<SetupCheck> checks = await stack.InspectAsync();
            output.WriteLine($"Without {check}'s setting:\n{Describe(checks)}");
            Assert.Equal([check], checks.Where(c => c.State != CheckState.Pass).Select(c => c.Id));
        }

        await stack.UpdateAsync(_ => { });
        IReadOnlyList<SetupCheck> restored = await stack.InspectAsync();
        Assert.All(restored, c => Assert.Equal(CheckState.Pass, c.State));
    }

    private static string Describe(IEnumerable<SetupCheck> list) => string.Join("\n", list.Select(c => $"{c.Id}: {c.State} — {c.Finding}"));

    /// <summary>
    /// The offline-new-key sample's template deployed on moto with <c>aws cloudformation deploy</c> (as its README says),
    /// the prefix folder made with the template's own PrefixFolderCommand output, and IcaKms's inputs for what was made.
    /// </summary>
    private sealed class DeployedStack : IAsyncDisposable
    {
        private readonly ExportedFiles _files;
        private readonly MotoServer _moto;
        private readonly SetupInputs _inputs;

        private DeployedStack(ExportedFiles files, MotoServer moto, CliSession cli, SetupInputs inputs)
        {
            _files = files;
            _moto = moto;
            Cli = cli;
            _inputs = inputs;
        }

        public CliSession Cli { get; }

        public static async Task<DeployedStack> CreateAsync()
        {
            ExportSubject subject = ExportSamples.Subject("offline-new-key");
            var files = new ExportedFiles(subject);
            MotoServer? moto = null;
            try
            {
                moto = await MotoServer.StartAsync([Tools.MotoWithS3CloudFormation()]);
                return await DeployAsync(subject, files, moto);
            }
            catch
            {
                // A failed deploy still stops the server and removes the files.
                if (moto is not null)
                {
                    await moto.DisposeAsync();
                }

                files.Dispose();
                throw;
            }
        }

        private static async Task<DeployedStack> DeployAsync(ExportSubject subject, ExportedFiles files, MotoServer moto)
        {
            var cli = new CliSession(moto.Url, subject.AwsRegion, files.Folder);
            string deployed = await cli.RunAsync("cloudformation", "deploy", "--stack-name", Stack, "--template-file", ExportFiles.CloudFormationTemplate, "--capabilities", "CAPABILITY_NAMED_IAM");
            Assert.Contains("Successfully created/updated stack", deployed, StringComparison.Ordinal);
            string keyArn = (await cli.RunAsync("kms", "describe-key", "--key-id", subject.KmsAliasName, "--query", "KeyMetadata.Arn", "--output", "text")).Trim();

            // The README's step: CloudFormation has no S3 object resource, so the template's output command makes the folder.
            JsonObject template = ReadTemplate(files);
            string folderCommand = ExportResolver.CloudFormation(template["Outputs"]!["PrefixFolderCommand"]!["Value"], template, keyArn)!.GetValue<string>();
            Assert.StartsWith("aws s3api put-object ", folderCommand, StringComparison.Ordinal);
            await cli.RunAsync([.. folderCommand.Split(' ')[1..]]);

            SetupInputs inputs = ExportSamples.Inputs() with
            {
                KeyArn = keyArn,
                IamUserName = subject.IamUserName,
                CrossAccountCopy = true,
                CrossAccountRoleArn = ExportSamples.Role,
            };
            return new DeployedStack(files, moto, cli, inputs);
        }

        public Task<IReadOnlyList<SetupCheck>> InspectAsync() => CloudFormationDeployTests.InspectAsync(_moto.Url, _inputs);

        public Task<string> ResourcesAsync() => Cli.RunAsync("cloudformation", "describe-stack-resources", "--stack-name", Stack, "--query", "StackResources[].[LogicalResourceId,PhysicalResourceId,ResourceStatus]", "--output", "json");

        /// <summary>
        /// Updates the stack to the exported template with <paramref name="change"/> made to the bucket's properties.
        /// Through update-stack, not deploy: moto 5.2.1 keeps no parameters for a stack made from a change set, so
        /// deploy's UsePreviousValue parameters mark every resource that refers to one as changed, and the IAM user's
        /// "replacement" then fails with EntityAlreadyExists; update-stack with the template alone changes what changed.
        /// </summary>
        public async Task UpdateAsync(Action<JsonObject> change)
        {
            JsonObject template = ReadTemplate(_files);
            change(template["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == "AWS::S3::Bucket").Value!["Properties"]!.AsObject());
            string name = $"updated-{Guid.NewGuid():N}.json";
            File.WriteAllText(_files[name], template.ToJsonString());
            await Cli.RunAsync("cloudformation", "update-stack", "--stack-name", Stack, "--template-body", $"file://{name}", "--capabilities", "CAPABILITY_NAMED_IAM");
            await Cli.RunAsync("cloudformation", "wait", "stack-update-complete", "--stack-name", Stack);
        }

        public async ValueTask DisposeAsync()
        {
            await _moto.DisposeAsync();
            _files.Dispose();
        }

        private static JsonObject ReadTemplate(ExportedFiles files) =>
            JsonNode.Parse(File.ReadAllText(files[ExportFiles.CloudFormationTemplate]))!.AsObject();
    }

    // IcaKms's own way in (AddIcaKmsCore with the endpoint, as the web app with AWS_ENDPOINT_URL), inspection and checks.
    private static async Task<IReadOnlyList<SetupCheck>> InspectAsync(Uri endpoint, SetupInputs inputs)
    {
        var credentials = new BasicAWSCredentials("test", "test");
        IAwsGatewayFactory factory = new ServiceCollection()
            .AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = endpoint })
            .BuildServiceProvider()
            .GetRequiredService<IAwsGatewayFactory>();
        Result<CallerIdentity, AwsFailure> identity = await factory.IdentifyAsync(credentials, inputs.AwsRegion);
        Assert.True(identity.Succeeded, identity.Failure?.Message);
        AwsGateways gateways = factory.Create(new AwsSession(AwsSessionSource.Pasted, credentials, identity.Value!, endpoint), inputs.AwsRegion);
        InspectionRequest request = InspectionRequest.Create(inputs);
        LiveSnapshot snapshot = await Inspection.RunAsync(gateways, request, CancellationToken.None);
        return LiveChecks.Evaluate(snapshot, request);
    }

    /// <summary>The AWS CLI against the emulator: its endpoint, region and test credentials, no profile or config of the machine.</summary>
    private sealed class CliSession(Uri endpoint, string region, string folder)
    {
        private readonly Dictionary<string, string> _environment = new()
        {
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_CONFIG_FILE"] = Path.Combine(folder, "no-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(folder, "no-credentials"),
            ["AWS_PAGER"] = string.Empty,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };

        public Task<string> RunAsync(params string[] arguments) => RunAsync(false, arguments);

        public async Task<string> RunAsync(bool allowFailure, params string[] arguments)
        {
            (int exitCode, string output, string error) = await Tools.RunAsync(
                Tools.AwsCli!, ["--endpoint-url", endpoint.AbsoluteUri.TrimEnd('/'), "--region", region, .. arguments], folder, _environment);
            Assert.True(allowFailure || exitCode == 0, $"aws {string.Join(' ', arguments)} failed ({exitCode}):\n{output}\n{error}");
            return output + error;
        }
    }
}
