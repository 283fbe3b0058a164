using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Setup;
using IcaKms.Web.Services;
using IcaKms.Web.Tests.Live;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Web.Tests.Services;

/// <summary>What crosses flows goes through the coordinator: Start over (the ICA flow included) and its Undo, a created key.</summary>
public sealed class WizardCoordinatorTests : WizardTestContext
{
    private const string NewKeyArn = "arn:aws:kms:us-east-1:123456789012:key/99999999-aaaa-bbbb-cccc-000000000001";

    public WizardCoordinatorTests() =>
        Services.AddSingleton<IAwsGatewayFactory>(new KeyCreatingFactory(Aws));

    private IcaSession Ica => Services.GetRequiredService<IcaSession>();

    [Fact]
    public async Task StartOver_ResetsTheIcaFlowToo_AndUndoBringsItsChoicesBack()
    {
        await OnIcaChoicesAsync();

        StartedOver startedOver = await Renderer.Dispatcher.InvokeAsync(Coordinator.StartOverAsync);

        Assert.Null(Ica.Credential);
        Assert.False(Ica.Share);
        Assert.NotEqual("lab-credential", Ica.NewCredentialName);
        Assert.Equal(string.Empty, State.Inputs.IamUserName);
        await Renderer.Dispatcher.InvokeAsync(() => Coordinator.UndoStartOverAsync(startedOver));
        Assert.Equal(new CredentialChoice(CredentialSource.NewIamKey, null, "lab-credential", IamUserName: "ica-storage"), Ica.Credential);
        Assert.True(Ica.Share);
        Assert.Equal("lab-credential", Ica.NewCredentialName);
        Assert.Equal("ica-storage", State.Inputs.IamUserName);
    }

    [Fact]
    public async Task StartOver_ForgetsWhatTheAwsFlowsRead_AndKeepsTheConnection_AndUndoKeepsThemForgotten()
    {
        await ConnectAndFillAsync();
        await Inspection.InspectAsync();
        await KeyPicker.LoadKeyChoicesAsync();
        Assert.NotNull(Inspection.Snapshot);

        StartedOver startedOver = await Renderer.Dispatcher.InvokeAsync(Coordinator.StartOverAsync);

        Assert.True(Connection.IsConnected);
        Assert.Null(Inspection.Snapshot);
        Assert.Null(KeyPicker.KeyChoices);
        Assert.Equal(string.Empty, State.Inputs.BucketName);
        await Renderer.Dispatcher.InvokeAsync(() => Coordinator.UndoStartOverAsync(startedOver));
        Assert.Equal(FakeGatewayFactory.Bucket, State.Inputs.BucketName);
        Assert.Null(Inspection.Snapshot);
    }

    [Fact]
    public async Task ApplyingTheKeyPlan_PutsTheCreatedKeyIntoTheInputs_BeforeInspectingAgain()
    {
        await ConnectAndFillAsync();
        await AwsApply.PlanAsync(PlanScope.Key);

        await AwsApply.ApplyAsync(PlanScope.Key);

        Assert.Equal(NewKeyArn, AwsApply.AppliedOf(PlanScope.Key)!.CreatedKeyArn);
        Assert.Equal(NewKeyArn, State.Inputs.KeyArn);
        Assert.NotNull(Inspection.Snapshot);
        Assert.False(Inspection.InspectionIsStale, "the inspection after the apply read the new key");
    }

    [Fact]
    public async Task ApplyingTheKeyPlan_LeavesTheInputsAlone_WithoutTheCoordinator()
    {
        await ConnectAndFillAsync();
        Coordinator.Dispose();
        await AwsApply.PlanAsync(PlanScope.Key);

        await AwsApply.ApplyAsync(PlanScope.Key);

        Assert.Equal(NewKeyArn, AwsApply.AppliedOf(PlanScope.Key)!.CreatedKeyArn);
        Assert.Equal(FakeGatewayFactory.KeyArn, State.Inputs.KeyArn);
    }

    private async Task ConnectAndFillAsync()
    {
        Assert.Null(await ConnectAsync());
        OnDispatcher(() =>
        {
            State.SetBucketName(FakeGatewayFactory.Bucket);
            State.SetKeyArn(FakeGatewayFactory.KeyArn);
            State.SetKeyPrefix("ica/");
        });
    }

    // Choices that need no ICA connection: the new IAM key credential, its name, and sharing.
    private async Task OnIcaChoicesAsync()
    {
        _ = Coordinator;
        OnDispatcher(() => State.SetIamUserName("ica-storage"));
        await Renderer.Dispatcher.InvokeAsync(async () =>
        {
            await Ica.SetNewCredentialNameAsync("lab-credential");
            await Ica.ChooseNewIamKeyAsync();
            await Ica.SetShareAsync(true);
        });
        Assert.Equal(CredentialSource.NewIamKey, Ica.Credential?.Source);
    }

    /// <summary>The in-memory AWS, with a KMS that creates a key (the shared fake does not model writes).</summary>
    private sealed class KeyCreatingFactory(FakeGatewayFactory aws) : IAwsGatewayFactory, IKmsGateway
    {
        public AwsGateways Create(AwsSession session, string region) => aws.Create(session, region) with { Kms = this };

        public Task<AwsResult<CallerIdentity>> IdentifyAsync(Amazon.Runtime.AWSCredentials credentials, string region, CancellationToken cancellationToken = default) =>
            aws.IdentifyAsync(credentials, region, cancellationToken);

        public Task<AwsResult<KmsKeyDescription>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default) =>
            aws.DescribeKeyAsync(keyIdOrAlias, cancellationToken);

        public Task<AwsResult<IReadOnlyList<KmsKeyChoice>>> ListUsableKeysAsync(CancellationToken cancellationToken = default) =>
            aws.ListUsableKeysAsync(cancellationToken);

        public Task<AwsResult<string>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default) =>
            aws.GetKeyPolicyAsync(keyArn, cancellationToken);

        public async Task<AwsResult<KmsKeyDescription>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
        {
            KmsKeyDescription existing = (await aws.DescribeKeyAsync(FakeGatewayFactory.KeyArn, cancellationToken)).Value!;
            return AwsResult<KmsKeyDescription>.Ok(existing with { KeyArn = NewKeyArn });
        }

        public Task<AwsResult<string>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default) =>
            Task.FromResult(AwsResult<string>.Ok(aliasName));

        public Task<AwsResult<string>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default) =>
            aws.PutKeyPolicyAsync(keyArn, policy, cancellationToken);
    }
}
