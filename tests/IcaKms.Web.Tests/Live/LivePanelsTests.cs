using IcaKms.TestKit;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Checks;
using Microsoft.AspNetCore.Components;
using IcaKms.Core.Policies;
using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IcaKms.Web.Tests.Live;

public class LivePanelsTests : WizardTestContext
{
    private static void Click<T>(IRenderedComponent<T> component, string text)
        where T : IComponent =>
        component.FindAll("button").Single(b => b.TextContent.Contains(text, StringComparison.Ordinal)).Click();

    private static Action<Action> Clicked<T>(IRenderedComponent<T> component, string text)
        where T : IComponent
    {
        Click(component, text);
        return Waiter(component);
    }

    private static Action<Action> Waiter<T>(IRenderedComponent<T> component)
        where T : IComponent => assertion => component.WaitForAssertion(assertion);

    private async Task ConnectAsync() => Assert.Null(await ConnectAsync(InMemoryAws.GoodKeyPrefix + "AAAAAAAA"));

    private void FillFakeBucket()
    {
        State.SetBucketName(SampleAccount.Bucket);
        State.SetKeyArn(SampleAccount.KeyArn);
        State.SetKeyPrefix("ica/");
    }

    [Fact]
    public void BucketPanel_IsHidden_WhenOffline()
    {

        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();

        Assert.Empty(panel.FindAll("[data-testid=bucket-live-panel]"));
    }

    [Fact]
    public async Task Inspect_ShowsFindings_AndPicksVersionedPolicyWithReason()
    {
        await ConnectAsync();
        FillFakeBucket();
        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();

        panel.FindAll("button").Single(b => b.TextContent.Contains("Inspect bucket and key", StringComparison.Ordinal)).Click();

        panel.WaitForAssertion(() => Assert.Contains("warning", panel.Find("[data-testid=live-prefix-folder]").TextContent, StringComparison.Ordinal));
        Assert.Contains("pass", panel.Find("[data-testid=live-bucket-encryption]").TextContent, StringComparison.Ordinal);
        Assert.Equal(PolicyVariant.Versioned, State.Inputs.Variant);
        Assert.Contains("Suspended", State.LiveVariantChoice!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPicker_OffersAccountKeysWithAliases_AndChoosingOne_SetsTheKeyArn()
    {
        await ConnectAsync();
        (IRenderedComponent<BucketLivePanel> panel, var root) = RenderWithRoot<BucketLivePanel>();

        panel.FindAll("button").Single(b => b.TextContent.Contains("Choose from my keys", StringComparison.Ordinal)).Click();
        panel.WaitForAssertion(() => Assert.Single(panel.FindComponents<MudSelect<string>>()));

        // MudSelect's list opens in the popover provider (production's, from WizardProviders), not inside the panel.
        panel.Find(".mud-select .mud-input-control").MouseDown();
        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll(".mud-popover-open .mud-list-item")));
        var item = root.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Contains(SampleAccount.KeyArn, StringComparison.Ordinal));
        Assert.Contains("alias/", item.TextContent, StringComparison.Ordinal);
        item.Click();

        panel.WaitForAssertion(() => Assert.Equal(SampleAccount.KeyArn, State.Inputs.KeyArn));
    }

    [Theory]
    [InlineData("bucket")]
    [InlineData("iam")]
    [InlineData("review")]
    public async Task EveryInspectButton_PicksTheVariantOfTheLiveVersioning_WithItsReason(string where)
    {
        Aws.Versioning = Result<string?, AwsFailure>.Ok("Enabled");
        await ConnectAsync();
        FillFakeBucket();
        Assert.Equal(PolicyVariant.Unversioned, State.Inputs.Variant);

        Action<Action> waitFor = where switch
        {
            "bucket" => Clicked(Render<BucketLivePanel>(), "Inspect bucket and key"),
            "iam" => Clicked(Render<IamPolicyStep>(), "Check the live policy"),
            _ => Waiter(Render<ReviewStep>()),
        };

        waitFor(() => Assert.Equal(PolicyVariant.Versioned, State.Inputs.Variant));
        Assert.Contains("Enabled", State.LiveVariantChoice!.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckState.Pass, Inspection.Checks!.Single(c => c.Id == LiveCheckIds.BucketVersioning).State);
    }

    [Fact]
    public async Task IamStep_ShowsWhyVariantWasChosen_AfterItsOwnInspection()
    {
        Aws.Versioning = Result<string?, AwsFailure>.Ok("Enabled");
        await ConnectAsync();
        FillFakeBucket();
        IRenderedComponent<IamPolicyStep> step = Render<IamPolicyStep>();

        Click(step, "Check the live policy");

        step.WaitForAssertion(() => Assert.Contains("Enabled", step.Find("[data-testid=live-variant-reason]").TextContent, StringComparison.Ordinal));
        Assert.Contains("s3:GetObjectVersion", step.Find("[data-testid='preview-iam-policy.json']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewRunAgain_ShowsTheNewLiveState()
    {
        await ConnectAsync();
        FillFakeBucket();
        State.SetConfigurationName("lab-kms");
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();
        step.WaitForAssertion(() => Assert.Contains("warning", step.Find("[data-testid=check-prefix-folder]").TextContent, StringComparison.Ordinal));

        Aws.PrefixExists = Result<bool, AwsFailure>.Ok(true);
        Click(step, "Run live checks again");

        step.WaitForAssertion(() => Assert.Contains("pass", step.Find("[data-testid=check-prefix-folder]").TextContent, StringComparison.Ordinal));
        Assert.Empty(step.FindAll("[data-testid=check-live-key]"));
    }

    [Fact]
    public async Task Review_RunsLiveChecksOnArrival_WhenConnected()
    {
        await ConnectAsync();
        FillFakeBucket();

        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        step.WaitForAssertion(() => Assert.Contains("pass", step.Find("[data-testid=check-bucket-encryption]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(Inspection.Checks);
    }

    [Fact]
    public void Review_GroupsChecksByStep_InStepOrder()
    {
        FillFakeBucket();

        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        string[] headings = step.FindAll("[data-testid=review-checks] h3").Select(h => h.TextContent.Split('—')[0].Trim()).ToArray();
        Assert.Equal(["Bucket", "IAM policy", "ICA configuration", "Cross-account copy"], headings);
    }

    [Fact]
    public void IamPanel_ShowsInvalidKeptValue_WhenOffline()
    {
        State.SetIamUserName("arn:aws:iam::123456789012:user/ica");

        IRenderedComponent<IamPolicyStep> step = Render<IamPolicyStep>();

        step.WaitForAssertion(() => Assert.Contains("user name only", step.Find("input[data-testid=iam-user]").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(step.FindAll("button"), b => b.TextContent.Contains("Check the live policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewZip_RecordsLiveChecksInReadme_WhenConnected()
    {
        await ConnectAsync();
        FillFakeBucket();
        State.SetConfigurationName("lab-kms");
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();
        step.WaitForAssertion(() => Assert.NotEmpty(step.FindAll("[data-testid=check-bucket-encryption]")));

        step.FindAll("button").Single(b => b.TextContent.Contains("Download all", StringComparison.Ordinal)).Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.download");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream((byte[])call.Arguments[2]!));
        using var reader = new StreamReader(zip.GetEntry("README.txt")!.Open());
        string readme = await reader.ReadToEndAsync();
        Assert.Contains("LIVE CHECKS", readme, StringComparison.Ordinal);
        Assert.Contains("[WARNING] Prefix folder", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerraformDownload_ImportsTheExistingBucket_WhenConnectedAndInspected()
    {
        await ConnectAsync();
        FillFakeBucket();
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();
        step.WaitForAssertion(() => Assert.NotEmpty(step.FindAll("[data-testid=export-live]")));

        step.FindAll("button").Single(b => b.TextContent.Contains("Terraform (zip)", StringComparison.Ordinal)).Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.download");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream((byte[])call.Arguments[2]!));
        using var reader = new StreamReader(zip.GetEntry("terraform/main.tf")!.Open());
        string main = await reader.ReadToEndAsync();
        Assert.Contains("import {\n  to = aws_s3_bucket.ica\n", main, StringComparison.Ordinal);
        Assert.Contains("data \"aws_kms_key\" \"ica\"", main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheVariantAfterAnInspection_RejudgesTheVersioningCheck_WithoutANewCall()
    {
        Aws.Versioning = Result<string?, AwsFailure>.Ok("Enabled");
        await ConnectAsync();
        FillFakeBucket();
        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();
        Click(panel, "Inspect bucket and key");
        panel.WaitForAssertion(() => Assert.Equal(PolicyVariant.Versioned, State.Inputs.Variant));
        int calls = Aws.Calls.Count;

        await panel.InvokeAsync(() => State.SetVariant(PolicyVariant.Unversioned));

        Assert.Equal(CheckState.Fail, Inspection.Checks!.Single(c => c.Id == LiveCheckIds.BucketVersioning).State);
        Assert.Equal(calls, Aws.Calls.Count);
    }

    [Fact]
    public async Task ChangingTheBucketAfterAnInspection_WithdrawsItsChecks_AndSaysToInspectAgain()
    {
        await ConnectAsync();
        FillFakeBucket();
        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();
        Click(panel, "Inspect bucket and key");
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=live-checks]")));

        await panel.InvokeAsync(() => State.SetBucketName("another-bucket"));

        Assert.Null(Inspection.Checks);
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=live-stale]")));
        Assert.Empty(panel.FindAll("[data-testid=live-checks]"));

        await panel.InvokeAsync(() => State.SetBucketName(SampleAccount.Bucket));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=live-checks]")));
        Assert.Empty(panel.FindAll("[data-testid=live-stale]"));
    }
}
