using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Web.Services;
using IcaKms.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Web.Tests.Services;

/// <summary>What crosses flows goes through the coordinator: Start over (the ICA flow included) and its Undo, a created key.</summary>
public sealed class WizardCoordinatorTests : WizardTestContext
{
    // The in-memory AWS names the first key it creates so.
    private const string NewKeyArn = "arn:aws:kms:us-east-1:123456789012:key/00000001-0000-4000-8000-000000000000";

    // The key plan creates a key only when its alias names none yet (the handler reads it again before creating it):
    // every alias is unknown here, every other key is the sample key.
    public WizardCoordinatorTests() =>
        Aws.UnknownKey = key => key.Contains("alias/", StringComparison.Ordinal)
            ? Result<KmsKeyDescription, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.NotFound, "kms:DescribeKey", key, "NotFoundException", $"Alias {key} is not found."))
            : Result<KmsKeyDescription, AwsFailure>.Ok(SampleAccount.Key);


    [Fact]
    public async Task StartOver_ResetsTheIcaFlowToo_AndUndoBringsItsChoicesBack()
    {
        await OnIcaChoicesAsync();

        StartedOver startedOver = await Renderer.Dispatcher.InvokeAsync(Coordinator.StartOverAsync);

        Assert.Null(IcaChoices.Credential);
        Assert.False(IcaChoices.Share);
        Assert.NotEqual("lab-credential", IcaChoices.NewCredentialName);
        Assert.Equal(string.Empty, State.Inputs.IamUserName);
        await Renderer.Dispatcher.InvokeAsync(() => Coordinator.UndoStartOverAsync(startedOver));
        Assert.Equal(new CredentialChoice(CredentialSource.NewIamKey, null, "lab-credential", IamUserName: "ica-storage"), IcaChoices.Credential);
        Assert.True(IcaChoices.Share);
        Assert.Equal("lab-credential", IcaChoices.NewCredentialName);
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
        Assert.Equal(SampleAccount.Bucket, State.Inputs.BucketName);
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
        Assert.Equal(SampleAccount.KeyArn, State.Inputs.KeyArn);
    }

    private async Task ConnectAndFillAsync()
    {
        Assert.Null(await ConnectAsync());
        OnDispatcher(() =>
        {
            State.SetBucketName(SampleAccount.Bucket);
            State.SetKeyArn(SampleAccount.KeyArn);
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
            await IcaChoices.SetNewCredentialNameAsync("lab-credential");
            await IcaChoices.ChooseNewIamKeyAsync();
            await IcaChoices.SetShareAsync(true);
        });
        Assert.Equal(CredentialSource.NewIamKey, IcaChoices.Credential?.Source);
    }
}
