using IcaKms.Core.Ica;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.FakeIca;
using IcaKms.Web.Components.Ica;
using IcaKms.Web.Services;
using IcaKms.Web.Tests.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IcaKms.Web.Tests.Ica;

/// <summary>The ICA panel of step 3 against a loopback fake ICA, through the host's real ICA client and resilience pipeline.</summary>
public sealed partial class IcaApiPanelTests : WizardTestContext
{
    private const string PastedSecret = "PastedSecretForIca/0123456789abcdefXYZ";

    public IcaApiPanelTests()
        : this(FakeIcaServer.StartAsync().GetAwaiter().GetResult())
    {
    }

    private IcaApiPanelTests(FakeIcaServer ica)
        // A short ICA timeout: the lost-answer tests wait for it once (see IcaApiPanelTests.LostAnswers.cs).
        : base(new Dictionary<string, string?> { ["IcaKms:IcaApiUrl"] = ica.Url.ToString(), ["IcaKms:IcaTimeout"] = "00:00:02" })
    {
        FakeIca = ica;
        // Made by a factory, so the container disposes it with the test.
        Services.AddSingleton(_ => ica);
    }

    private FakeIcaServer FakeIca { get; }


    [Fact]
    public void Connect_WithTheKey_ShowsTheMatchedRegion_AndTheKeyNeverReachesThePage()
    {
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();

        panel.WaitForAssertion(() => Assert.Contains("Virginia, United States (US)", panel.Find("[data-testid=ica-region]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeIcaScenario.DefaultApiKey, panel.Markup, StringComparison.Ordinal);
        Assert.All(FakeIca.Requests, r => Assert.True(r.ApiKeyMatched));
    }

    [Fact]
    public void Connect_WithAWrongKey_SaysSo_AndStaysDisconnected()
    {
        IRenderedComponent<IcaApiPanel> panel = RenderPanel();
        // bUnit renders an event handler as a blazor:on… attribute: none may listen to what is typed.
        Assert.DoesNotContain(panel.Find("#ica-api-key").Attributes, a => a.Name.StartsWith("blazor:on", StringComparison.Ordinal));

        Connect(panel, "wrong-key-123");

        panel.WaitForAssertion(() => Assert.Contains("did not accept the API key", panel.Find("[data-testid=ica-connect-error]").TextContent, StringComparison.Ordinal));
        Assert.False(IcaConnection.IsConnected);
        Assert.DoesNotContain("wrong-key-123", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_WithoutEntitlement_IsSaidClearly_AndBlocksThePlan()
    {
        FakeIca.Scenario = FakeIca.Scenario with { Regions = [new FakeIcaRegion(FakeIcaScenario.AuRegionId, "AU", "Sydney", "AU", "Australia")] };
        FillValidBucketStep();
        OnDispatcher(() => State.SetConfigurationName("lab-kms"));
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();

        panel.WaitForAssertion(() => Assert.Contains("no entitlement for United States (us-east-1)", panel.Find("[data-testid=ica-region-problem]").TextContent, StringComparison.Ordinal));
        Plan(panel);
        panel.WaitForAssertion(() => Assert.Contains(panel.FindAll("[data-testid=plan-blocker]"), b => b.TextContent.Contains("no entitlement", StringComparison.Ordinal)));
        Assert.Empty(panel.FindAll("[data-testid=planned-change]"));
    }

    [Fact]
    public void PastedKey_CreatesCredentialAndConfiguration_ValidatesToOk_AndRecordsEveryChange()
    {
        FillValidBucketStep();
        OnDispatcher(() => State.SetConfigurationName("lab-kms"));
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-region]"));

        panel.FindAll("input[type=radio]")[1].Click();
        JSRuntimeInvocationHandler<bool> post = ExpectTypedCredentials();
        panel.WaitForElement("#ica-user-secret-access-key").Closest("form")!.Submit();
        ReleaseTypedCredentials(post, "AKIAEXAMPLEPASTED001", PastedSecret, string.Empty);
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-pasted-key]"));
        Plan(panel);
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=planned-change]").Count));
        Assert.Contains("$ICA_API_KEY", panel.Markup, StringComparison.Ordinal);
        ApplyAndConfirm(panel);

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=applied-change]").Count(c => c.TextContent.Contains("— done", StringComparison.Ordinal))));
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-validation-ok]"), TimeSpan.FromSeconds(15));
        FakeIcaConfiguration created = Assert.Single(FakeIca.Configurations);
        Assert.Equal(("lab-kms", FakeIcaScenario.UsRegionId, "lab-ica-data", "ica/", "aws:kms", KeyArn, "OK"),
            (created.Name, created.RegionId, created.BucketName, created.KeyPrefix, created.Algorithm, created.Key, created.Status));
        Assert.Equal(FakeIcaServer.DigestOf(PastedSecret), Assert.Single(FakeIca.Credentials).SecretDigest);
        Assert.Equal(3, Recorder.History.Count(h => h.Change is IcaChange));
        Assert.DoesNotContain(PastedSecret, panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewIamKey_GoesFromIamStraightToIca_WithoutEverReachingThePage()
    {
        FillValidBucketStep();
        OnDispatcher(() =>
        {
            State.SetConfigurationName("lab-kms");
            State.SetIamUserName("ica-storage");
        });
        Assert.Null(await ConnectAsync());
        FakeIca.Scenario = FakeIca.Scenario with { ValidationErrors = new Dictionary<string, string> { ["lab-ica-data"] = "User: arn:aws:iam::123456789012:user/ica-storage is not authorized to perform: kms:GenerateDataKey" } };
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-region]"));

        panel.FindAll("input[type=radio]")[2].Click();
        panel.WaitForAssertion(() => Assert.Contains("at most two access keys", panel.Find("[data-testid=ica-new-key-confirmation]").TextContent, StringComparison.Ordinal));
        panel.FindAll("button").Single(b => b.TextContent.Contains("Yes, create a key for ica-storage", StringComparison.Ordinal)).Click();
        panel.WaitForState(() => IcaChoices.Credential?.Source == CredentialSource.NewIamKey);
        Plan(panel);
        panel.WaitForAssertion(() => Assert.Equal(4, panel.FindAll("[data-testid=planned-change]").Count));
        ApplyAndConfirm(panel);

        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-validation-error]"), TimeSpan.FromSeconds(15));
        Assert.Contains("kms:GenerateDataKey", panel.Find("[data-testid=ica-validation-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("AWS denied kms:GenerateDataKey on the KMS key", panel.Find("[data-testid=ica-error-hint]").TextContent, StringComparison.Ordinal);
        string newKey = Assert.Single(Aws.AccessKeys);
        FakeIcaCredential credential = Assert.Single(FakeIca.Credentials);
        Assert.Equal((newKey, FakeIcaServer.DigestOf(InMemoryAws.NewAccessKeySecret)), (credential.AccessKeyId, credential.SecretDigest));
        Assert.DoesNotContain(InMemoryAws.NewAccessKeySecret, panel.Markup, StringComparison.Ordinal);
        Assert.Contains(Recorder.History, h => h.Change is CreateIamAccessKeyChange && h.Outcome == ChangeOutcome.Done);
    }

    [Fact]
    public void ExistingConfiguration_WithOtherValues_IsComparedNotDuplicated()
    {
        FillValidBucketStep();
        OnDispatcher(() => State.SetConfigurationName("lab-kms"));
        FakeIca.AddConfiguration("lab-kms", "cred", FakeIcaScenario.UsRegionId, "other-bucket", null, KeyArn);
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();

        panel.WaitForAssertion(() => Assert.Contains("other-bucket", panel.Find("[data-testid=ica-existing]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["Bucket name", "Key prefix"], panel.FindAll("[data-testid=ica-difference] b").Select(b => b.TextContent));
        Plan(panel);
        panel.WaitForAssertion(() => Assert.Contains("does not change or duplicate it", panel.Find("[data-testid=plan-blocker]").TextContent, StringComparison.Ordinal));
        Assert.Single(FakeIca.Configurations);
    }

    private IRenderedComponent<IcaApiPanel> RenderPanel()
    {
        return Render<IcaApiPanel>();
    }

    private IRenderedComponent<IcaApiPanel> RenderConnected()
    {
        IRenderedComponent<IcaApiPanel> panel = RenderPanel();
        Connect(panel, FakeIcaScenario.DefaultApiKey);
        // Connected, and the lists read: nothing re-renders under the test's next clicks.
        panel.WaitForState(() => IcaConnection.IsConnected && !IcaConnection.IsConnecting && !IcaConnection.IsRefreshing);
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-connected]"));
        return panel;
    }

    // As icakms.postCredentials does: the browser leaves the typed key for the ticket at the hand-off endpoint.
    private void Connect(IRenderedComponent<IcaApiPanel> panel, string apiKey)
    {
        JSRuntimeInvocationHandler<bool> post = ExpectTypedCredentials();
        panel.Find("#ica-api-key").Closest("form")!.Submit();
        JSRuntimeInvocation call = post.Invocations.Last();
        Services.GetRequiredService<CredentialHandoff>().Deposit((string)call.Arguments[1]!, new IcaKms.Core.Aws.PastedCredentials(string.Empty, string.Empty, string.Empty), apiKey);
        post.SetResult(true);
    }

    private void Plan(IRenderedComponent<IcaApiPanel> panel)
    {
        // Found and clicked in one dispatcher turn: a re-render in between (a read ending after an apply) would
        // leave the click on a button the renderer no longer knows.
        panel.InvokeAsync(() => panel.Find("[data-testid=plan-ica]").QuerySelectorAll("button").Single(b => b.TextContent.Contains("Plan", StringComparison.Ordinal)).Click()).GetAwaiter().GetResult();
        panel.WaitForState(() => !IcaApply.IsPlanning && IcaApply.Plan is not null);
    }

    private static void ApplyAndConfirm(IRenderedComponent<IcaApiPanel> panel)
    {
        ClickWhenShown(panel, b => b.TextContent.Trim().StartsWith("Apply", StringComparison.Ordinal));
        // The confirmation shows once the Apply click's handler has rendered it, which a busy machine may not have done
        // yet when Click returns (seen in a fresh clone with one core busy): wait for it, then find and click it in one
        // dispatcher turn.
        ClickWhenShown(panel, b => b.TextContent.Contains("Confirm and apply", StringComparison.Ordinal));
    }

    private static void ClickWhenShown(IRenderedComponent<IcaApiPanel> panel, Func<AngleSharp.Dom.IElement, bool> button)
    {
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("button"), b => button(b)), TimeSpan.FromSeconds(20));
        panel.InvokeAsync(() => panel.FindAll("button").Single(button).Click()).GetAwaiter().GetResult();
    }
}
