using IcaKms.Core.Ica;
using IcaKms.FakeIca;
using IcaKms.Web.Components.Ica;
using IcaKms.Web.Tests.Live;

namespace IcaKms.Web.Tests.Ica;

/// <summary>
/// What the panel says after a write whose answer was lost, after a failed apply, and with lists of many pages. The held
/// answers are given up on after the host's short ICA timeout; the tests wait for the page's state, not for time.
/// </summary>
public sealed partial class IcaApiPanelTests
{
    [Fact]
    public void LostAnswer_CredentialCreatedAfterTheTimeout_SaysItExists_KeepTheKey_AndTheSetupCompletes()
    {
        IRenderedComponent<IcaApiPanel> panel = NewIamKeyPlanned();
        FakeIcaHold hold = FakeIca.HoldAnswer("POST /api/storageCredentials", commits: true);

        ApplyAndConfirm(panel);

        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-validation-ok]"), TimeSpan.FromSeconds(20));
        Assert.True(hold.Settled.IsCompleted);
        string credentialStep = panel.FindAll("[data-testid=applied-change]")[1].TextContent;
        Assert.Contains("ica-storage exists (", credentialStep, StringComparison.Ordinal);
        Assert.Contains($"holds the access key {Assert.Single(Aws.AccessKeys)}: keep that key", credentialStep, StringComparison.Ordinal);
        Assert.DoesNotContain("delete-access-key", panel.Markup, StringComparison.Ordinal);
        Assert.Single(FakeIca.Credentials);
        Assert.Single(FakeIca.Configurations);
    }

    [Fact]
    public void LostAnswer_IcaUnreadable_SaysItCannotBeKnown_ThenTheNextPlanCarriesOnWithoutADuplicate()
    {
        IRenderedComponent<IcaApiPanel> panel = NewIamKeyPlanned();
        FakeIca.HoldAnswer("POST /api/storageCredentials", commits: true);
        FakeIca.Fault = FakeIcaFault.ServerError;
        FakeIca.FaultPath = "GET /api/storageCredentials";

        ApplyAndConfirm(panel);

        panel.WaitForAssertion(() => Assert.Contains("cannot be known now", panel.Find("[data-testid=apply-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        // The read after the apply failed too (ICA still unreadable): the panel is settled once it says so.
        panel.WaitForState(() => Ica.ListProblem is not null && !Ica.IsApplying && !Ica.IsRefreshing, TimeSpan.FromSeconds(20));
        Assert.Contains("Do not delete the access key", panel.Find("[data-testid=apply-result]").TextContent, StringComparison.Ordinal);

        FakeIca.Fault = FakeIcaFault.None;
        Plan(panel);
        panel.WaitForAssertion(() => Assert.Contains("ICA lists the storage credential ica-storage now", panel.Find("[data-testid=ica-credential-carried]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, panel.FindAll("[data-testid=planned-change]").Count);
        ApplyAndConfirm(panel);
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-validation-ok]"), TimeSpan.FromSeconds(20));
        Assert.Equal(Assert.Single(FakeIca.Credentials).Id, Assert.Single(FakeIca.Configurations).CredentialId);
        Assert.Single(Aws.AccessKeys);
    }

    [Fact]
    public void FailedApply_AfterTheCredential_NextPlanStartsFromIt_AndSaysSo()
    {
        IRenderedComponent<IcaApiPanel> panel = NewIamKeyPlanned();
        FakeIca.Fault = FakeIcaFault.Forbidden;
        FakeIca.FaultPath = "POST /api/storageConfigurations";

        ApplyAndConfirm(panel);

        panel.WaitForAssertion(() => Assert.Contains(
            "The storage credential ica-storage is in ICA now, made by the last apply: the next plan uses it (chosen under \"Use an existing credential\"), so nothing is created twice.",
            panel.Find("[data-testid=ica-credential-carried]").TextContent, StringComparison.Ordinal));
        Assert.Equal(CredentialSource.Existing, Ica.Credential?.Source);
        // Settled once the lists were read again after the apply (the connect read them first).
        panel.WaitForState(() => FakeIca.Requests.Count(r => r.Method == "GET" && r.Path == "/api/storageConfigurations") == 2 && !Ica.IsApplying && !Ica.IsRefreshing);
        FakeIca.Fault = FakeIcaFault.None;
        Plan(panel);
        Assert.Equal(2, panel.FindAll("[data-testid=planned-change]").Count);
        ApplyAndConfirm(panel);
        panel.WaitForAssertion(() => panel.Find("[data-testid=ica-validation-ok]"), TimeSpan.FromSeconds(20));
        Assert.Single(FakeIca.Credentials);
        Assert.Single(Aws.AccessKeys);
    }

    [Fact]
    public void ConnectThenPlan_ReadsTheListsOnce()
    {
        FillValidBucketStep();
        OnDispatcher(() => State.SetConfigurationName("lab-kms"));
        FakeIca.AddCredential("cred-existing");
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();
        panel.FindAll("input[type=radio]")[0].Click();

        Plan(panel);

        Assert.Single(FakeIca.Requests, r => r.Method == "GET" && r.Path == "/api/storageCredentials");
        Assert.Single(FakeIca.Requests, r => r.Method == "GET" && r.Path == "/api/storageConfigurations");
    }

    [Fact]
    public void ManyPages_TheWizardsNameOnTheLastPage_IsFound_AndNotDuplicated()
    {
        FakeIca.Scenario = FakeIca.Scenario with { ListPageSize = 2 };
        for (int i = 1; i <= 4; i++)
        {
            FakeIca.AddConfiguration($"other-{i}", "cred", FakeIcaScenario.UsRegionId, "other-bucket", null, KeyArn);
        }

        FakeIca.AddConfiguration("lab-kms", "cred", FakeIcaScenario.UsRegionId, "lab-ica-data", "ica/", KeyArn);
        FillValidBucketStep();
        OnDispatcher(() => State.SetConfigurationName("lab-kms"));
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();

        panel.WaitForAssertion(() => Assert.Contains("on every field ICA's API shows", panel.Find("[data-testid=ica-existing]").TextContent, StringComparison.Ordinal));
        Plan(panel);
        Assert.IsType<ValidateStorageConfigurationChange>(Assert.Single(Ica.Plan!.Changes));
        Assert.Equal(3, FakeIca.Requests.Count(r => r.Path == "/api/storageConfigurations"));
    }

    [Fact]
    public void ValidationError_WithNothingToRead_SaysUnknown()
    {
        FillValidBucketStep();
        OnDispatcher(() => State.SetConfigurationName("lab-kms"));
        FakeIca.AddCredential("cred-existing");
        FakeIca.Scenario = FakeIca.Scenario with { ValidationErrors = new Dictionary<string, string> { ["lab-ica-data"] = "Storage could not be validated" } };
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();
        panel.FindAll("input[type=radio]")[0].Click();
        OnDispatcher(() => Ica.ChooseExistingCredentialAsync(FakeIca.Credentials[0].Id).GetAwaiter().GetResult());
        Plan(panel);
        ApplyAndConfirm(panel);

        panel.WaitForAssertion(() => Assert.StartsWith("Unknown: ICA's message names no AWS error code", panel.Find("[data-testid=ica-error-hint]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("Most likely", panel.Markup, StringComparison.Ordinal);
    }

    // The wizard's values, ICA connected, a new IAM key chosen and the plan of 4 changes made.
    private IRenderedComponent<IcaApiPanel> NewIamKeyPlanned()
    {
        FillValidBucketStep();
        OnDispatcher(() =>
        {
            State.SetConfigurationName("lab-kms");
            State.SetIamUserName("ica-storage");
        });
        Assert.Null(ConnectAsync().GetAwaiter().GetResult());
        IRenderedComponent<IcaApiPanel> panel = RenderConnected();
        panel.FindAll("input[type=radio]")[2].Click();
        panel.FindAll("button").Single(b => b.TextContent.Contains("Yes, create a key for ica-storage", StringComparison.Ordinal)).Click();
        panel.WaitForState(() => Ica.Credential?.Source == CredentialSource.NewIamKey);
        Plan(panel);
        panel.WaitForAssertion(() => Assert.Equal(4, panel.FindAll("[data-testid=planned-change]").Count));
        return panel;
    }
}
