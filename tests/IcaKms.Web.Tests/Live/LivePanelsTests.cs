using IcaKms.Core.Aws;
using IcaKms.Core.Policies;
using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IcaKms.Web.Tests.Live;

public class LivePanelsTests : WizardTestContext
{
    private async Task ConnectAsync()
    {
        string? error = await Services.GetRequiredService<AwsConnection>()
            .ConnectWithPastedAsync(new PastedCredentials(FakeGatewayFactory.GoodKeyPrefix + "AAAAAAAA", "secret", "token"), "us-east-1");
        Assert.Null(error);
    }

    private void FillFakeBucket()
    {
        State.SetBucketName(FakeGatewayFactory.Bucket);
        State.SetKeyArn(FakeGatewayFactory.KeyArn);
        State.SetKeyPrefix("ica/");
    }

    [Fact]
    public void BucketPanel_IsHidden_WhenOffline()
    {
        Render<MudPopoverProvider>();

        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();

        Assert.Empty(panel.FindAll("[data-testid=bucket-live-panel]"));
    }

    [Fact]
    public async Task Inspect_ShowsFindings_AndPicksVersionedPolicyWithReason()
    {
        await ConnectAsync();
        FillFakeBucket();
        Render<MudPopoverProvider>();
        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();

        panel.FindAll("button").Single(b => b.TextContent.Contains("Inspect bucket and key", StringComparison.Ordinal)).Click();

        panel.WaitForAssertion(() => Assert.Contains("warning", panel.Find("[data-testid=live-prefix-folder]").TextContent, StringComparison.Ordinal));
        Assert.Contains("pass", panel.Find("[data-testid=live-bucket-encryption]").TextContent, StringComparison.Ordinal);
        Assert.Equal(PolicyVariant.Versioned, State.Inputs.Variant);
        Assert.Contains("Suspended", State.LiveVariantChoice!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPicker_OffersAccountKeysWithAliases()
    {
        await ConnectAsync();
        Render<MudPopoverProvider>();
        IRenderedComponent<BucketLivePanel> panel = Render<BucketLivePanel>();

        panel.FindAll("button").Single(b => b.TextContent.Contains("Choose from my keys", StringComparison.Ordinal)).Click();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=key-picker]")));
    }

    [Fact]
    public async Task IamStep_ShowsWhyVariantWasChosen_AfterInspection()
    {
        await ConnectAsync();
        FillFakeBucket();
        await Services.GetRequiredService<LiveInspection>().RunAsync(State.Inputs);
        State.ApplyLiveVersioning("Enabled");
        Render<MudPopoverProvider>();

        IRenderedComponent<IamPolicyStep> step = Render<IamPolicyStep>();

        Assert.Contains("Enabled", step.Find("[data-testid=live-variant-reason]").TextContent, StringComparison.Ordinal);
        Assert.Contains("s3:GetObjectVersion", step.Find("[data-testid='preview-iam-policy.json']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ReplacesNotCheckedItems_WithLiveChecks()
    {
        await ConnectAsync();
        FillFakeBucket();
        State.SetConfigurationName("lab-kms");
        Render<MudPopoverProvider>();
        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        step.FindAll("button").Single(b => b.TextContent.Contains("Run live checks", StringComparison.Ordinal)).Click();

        step.WaitForAssertion(() => Assert.NotEmpty(step.FindAll("[data-testid=check-key-manager]")));
        Assert.Empty(step.FindAll("[data-testid=check-live-key]"));
    }

    [Fact]
    public async Task Review_RunsLiveChecksOnArrival_WhenConnected()
    {
        await ConnectAsync();
        FillFakeBucket();
        Render<MudPopoverProvider>();

        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        step.WaitForAssertion(() => Assert.Contains("pass", step.Find("[data-testid=check-bucket-encryption]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(Services.GetRequiredService<LiveInspection>().Checks);
    }

    [Fact]
    public void Review_GroupsChecksByStep_InStepOrder()
    {
        FillFakeBucket();
        Render<MudPopoverProvider>();

        IRenderedComponent<ReviewStep> step = Render<ReviewStep>();

        string[] headings = step.FindAll("[data-testid=review-checks] h3").Select(h => h.TextContent.Split('—')[0].Trim()).ToArray();
        Assert.Equal(["Bucket", "IAM policy", "ICA configuration", "Cross-account copy"], headings);
    }

    [Fact]
    public void IamPanel_ShowsInvalidKeptValue_WhenOffline()
    {
        State.SetIamUserName("arn:aws:iam::123456789012:user/ica");
        Render<MudPopoverProvider>();

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
        Render<MudPopoverProvider>();
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
}
