using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Live;

/// <summary>Disconnect while calls are in flight: nothing outlives it, nothing throws into the circuit.</summary>
public class DisconnectTests : WizardTestContext
{
    private async Task ConnectAndFillAsync()
    {
        Assert.Null(await ConnectAsync());
        State.SetBucketName(SampleAccount.Bucket);
        State.SetKeyArn(SampleAccount.KeyArn);
        State.SetKeyPrefix("ica/");
        State.SetIamUserName("ica-storage");
    }

    [Theory]
    [InlineData(true, "us-east-1")]
    [InlineData(false, "us-east-1")]
    [InlineData(false, "eu-west-1")]
    public async Task DisconnectDuringInspection_DropsItsResults_AndMakesNoFurtherCall(bool honourCancellation, string bucketRegion)
    {
        await ConnectAndFillAsync();
        Aws.BucketRegion = Result<string, AwsFailure>.Ok(bucketRegion);
        Aws.HonourCancellation = honourCancellation;
        Aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IRenderedComponent<ReviewStep> review = Render<ReviewStep>();
        review.WaitForAssertion(() => Assert.True(Aws.HeldCalls > 0));
        Assert.True(Inspection.IsInspecting);
        Task inspecting = Inspection.InspectionInFlight!;

        await review.InvokeAsync(Connection.DisconnectAsync);
        int callsAtDisconnect = Aws.Calls.Count;
        Aws.Gate.SetResult();

        await inspecting;
        Assert.Equal(callsAtDisconnect, Aws.Calls.Count);
        Assert.False(Connection.IsConnected);
        Assert.False(Inspection.IsInspecting);
        Assert.Null(Inspection.Checks);
        Assert.Null(Inspection.Snapshot);
        Assert.Null(State.LiveVariantChoice);
        Assert.Equal(PolicyVariant.Unversioned, State.Inputs.Variant);
        Assert.DoesNotContain("Run live checks", review.Markup, StringComparison.Ordinal);
        Assert.Contains("not checked", review.Find("[data-testid=check-live-bucket]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectWhileListingKeys_ShowsNoKeys()
    {
        await ConnectAndFillAsync();
        Aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();
        panel.FindAll("button").Single(b => b.TextContent.Contains("Choose from my keys", StringComparison.Ordinal)).Click();
        panel.WaitForAssertion(() => Assert.Equal(1, Aws.HeldCalls));

        await panel.InvokeAsync(Connection.DisconnectAsync);

        panel.WaitForAssertion(() => Assert.Equal(0, Aws.HeldCalls));
        Assert.Null(KeyPicker.KeyChoices);
        Assert.False(KeyPicker.IsLoadingKeys);
        Assert.Empty(panel.FindAll("[data-testid=bucket-live-panel]"));
    }

    [Fact]
    public async Task ReconnectDuringAnOldInspection_KeepsTheOldResultsOutOfTheNewSession()
    {
        await ConnectAndFillAsync();
        Aws.HonourCancellation = false;
        Aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IRenderedComponent<ReviewStep> review = Render<ReviewStep>();
        review.WaitForAssertion(() => Assert.True(Aws.HeldCalls > 0));
        TaskCompletionSource oldGate = Aws.Gate;

        Task inspecting = Inspection.InspectionInFlight!;

        await review.InvokeAsync(Connection.DisconnectAsync);
        Aws.Gate = null;
        await review.InvokeAsync(async () => Assert.Null(await ConnectAsync()));
        oldGate.SetResult();

        await inspecting;
        Assert.True(Connection.IsConnected);
        Assert.Null(Inspection.Checks);
        Assert.False(Inspection.IsInspecting);
    }

    [Fact]
    public async Task TheEndOfTheCircuit_DuringAnInspection_CancelsItsCalls_AndThrowsNothing()
    {
        await ConnectAndFillAsync();
        Aws.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IRenderedComponent<ReviewStep> review = Render<ReviewStep>();
        review.WaitForAssertion(() => Assert.True(Aws.HeldCalls > 0));
        Task inspecting = Inspection.InspectionInFlight!;

        await review.InvokeAsync(Connection.Dispose);
        int callsAtEnd = Aws.Calls.Count;

        await inspecting;
        Assert.Equal(0, Aws.HeldCalls);
        Assert.Equal(callsAtEnd, Aws.Calls.Count);
        Assert.False(Connection.IsConnected);
        Assert.Null(Inspection.Checks);
    }
}
