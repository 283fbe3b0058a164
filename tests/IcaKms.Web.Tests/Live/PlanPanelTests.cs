using IcaKms.Web.Components.Shared;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using IcaKms.Core.Applying;

namespace IcaKms.Web.Tests.Live;

public class PlanPanelTests : WizardTestContext
{
    private static void Click<T>(IRenderedComponent<T> component, string text)
        where T : IComponent =>
        component.FindAll("button").Single(b => b.TextContent.Contains(text, StringComparison.Ordinal)).Click();

    private void FillFakeBucket() => OnDispatcher(() =>
    {
        State.SetBucketName(SampleAccount.Bucket);
        State.SetKeyArn(SampleAccount.KeyArn);
        State.SetKeyPrefix("ica/");
    });

    private IRenderedComponent<PlanPanel> RenderBucketPanel()
    {
        return Render<PlanPanel>(p => p.Add(x => x.Scope, PlanScope.Bucket).Add(x => x.Title, "Create or fix the bucket"));
    }

    [Fact]
    public async Task NothingIsSent_UntilThePersonConfirms_AndCancelSendsNothing()
    {
        Assert.Null(await ConnectAsync());
        FillFakeBucket();
        IRenderedComponent<PlanPanel> panel = RenderBucketPanel();

        Click(panel, "Plan the changes");
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=planned-change]")));
        Click(panel, "Apply 1 change");
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=plan-confirm]")));
        Click(panel, "Cancel");
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=plan-confirm]")));
        Assert.Empty(Aws.Writes);

        Click(panel, "Apply 1 change");
        Click(panel, "Confirm and apply");

        panel.WaitForAssertion(() => Assert.Contains("— done", panel.Find("[data-testid=applied-change]").TextContent, StringComparison.Ordinal));
        Assert.Equal("s3:PutObject lab-ica-data/ica/", Aws.Writes[0]);
        panel.WaitForAssertion(() => Assert.Contains("stored with SSE-KMS", panel.Find("[data-testid=verification]").TextContent, StringComparison.Ordinal));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=plan-nothing]")));
        Assert.Contains(Recorder.History, h => h.Change is Core.Planning.CreatePrefixFolderChange);
    }

    [Fact]
    public void Offline_ThePanelGivesTheCliCommands_BuiltFromTheInputs()
    {
        FillFakeBucket();

        IRenderedComponent<PlanPanel> panel = RenderBucketPanel();

        string commands = panel.Find("[data-testid=offline-commands]").TextContent;
        Assert.Contains("aws s3api create-bucket --region us-east-1 --bucket lab-ica-data", commands, StringComparison.Ordinal);
        Assert.Contains(SampleAccount.KeyArn, commands, StringComparison.Ordinal);
        Assert.DoesNotContain(panel.FindAll("button"), b => b.TextContent.Contains("Plan the changes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlanMadeForOtherInputs_IsWithdrawn()
    {
        Assert.Null(await ConnectAsync());
        FillFakeBucket();
        IRenderedComponent<PlanPanel> panel = RenderBucketPanel();
        Click(panel, "Plan the changes");
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=planned-change]")));

        OnDispatcher(() => State.SetKeyPrefix("other/"));

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=planned-change]")));
        Assert.Null(AwsApply.PlanOf(PlanScope.Bucket));
    }

    [Fact]
    public async Task DisconnectWhileApplying_StopsThePlan_AndThrowsNothingIntoTheCircuit()
    {
        Assert.Null(await ConnectAsync());
        FillFakeBucket();
        IRenderedComponent<PlanPanel> panel = RenderBucketPanel();
        Click(panel, "Plan the changes");
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=planned-change]")));
        Aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Click(panel, "Apply 1 change");
        Click(panel, "Confirm and apply");
        panel.WaitForAssertion(() => Assert.Equal(1, Aws.HeldCalls));

        await panel.InvokeAsync(Connection.DisconnectAsync);
        Aws.Gate.SetResult();

        panel.WaitForAssertion(() => Assert.False(AwsApply.IsApplying));
        panel.WaitForAssertion(() => Assert.Contains(Recorder.History, h => h.Outcome != IcaKms.Core.Applying.ChangeOutcome.Done));
        Assert.False(Connection.IsConnected);
        Assert.Null(AwsApply.PlanOf(PlanScope.Bucket));
        // The held call is the handler's read before its write (does the folder exist yet?): after the disconnect the
        // write is never sent.
        Assert.Equal("s3:ListObjectsV2 ica/", Aws.Calls[^1]);
        Assert.Empty(Aws.Writes);
    }
}
