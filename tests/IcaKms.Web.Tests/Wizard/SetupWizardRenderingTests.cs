using IcaKms.Core.Setup;
using IcaKms.Web.Components.Connection;
using IcaKms.Web.Components.Shared;
using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using MudBlazor;
using MudBlazor.Extensions;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>
/// The wizard on MudStepper: its five MudSteps carry the titles and error marks, Next and Previous move between them, and
/// a keystroke redraws only what shows the changed input. Asserted on the components and the tabs' roles, not on
/// MudStepper's internal CSS classes (which MudBlazor changes between versions).
/// </summary>
public class SetupWizardRenderingTests : WizardTestContext
{
    private IRenderedComponent<SetupWizard> RenderWizard()
    {
        return Render<SetupWizard>();
    }

    private static void Click(IRenderedComponent<SetupWizard> wizard, string text) =>
        Button(wizard, text).Click();

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<SetupWizard> wizard, string text) =>
        wizard.FindAll("button").Single(b => b.TextContent.Trim().Equals(text, StringComparison.Ordinal));

    private static IReadOnlyList<IRenderedComponent<MudStep>> Steps(IRenderedComponent<SetupWizard> wizard) =>
        wizard.FindComponents<MudStep>();

    private static string SelectedTab(IRenderedComponent<SetupWizard> wizard) =>
        wizard.Find("[role=tab][aria-selected=true]").TextContent;

    [Fact]
    public void Steps_AreFiveMudSteps_WithTitleAndSecondaryText_TheFirstActive()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        var steps = Steps(wizard);
        Assert.Equal(5, steps.Count);
        for (int i = 0; i < steps.Count; i++)
        {
            var step = (WizardStep)i;
            Assert.Equal(StepTitles.Of(step), steps[i].Instance.GetState(x => x.Title));
            Assert.Equal(StepTitles.SecondaryOf(step), steps[i].Instance.GetState(x => x.SecondaryText));
        }

        Assert.Equal(0, wizard.FindComponent<MudStepper>().Instance.GetState(x => x.ActiveIndex));
        Assert.True(steps[0].Instance.IsActive);
        Assert.False(steps[1].Instance.IsActive);
        // The selected tab names the step, with its number, for a screen reader.
        Assert.Contains(StepTitles.Of(WizardStep.Bucket), SelectedTab(wizard), StringComparison.Ordinal);
        Assert.Equal(5, wizard.FindAll("[role=tab]").Count);
    }

    [Fact]
    public void BlockedNext_MarksTheStepWithAnError_AndFixingTheFields_TakesTheMarkAway()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        Click(wizard, "Next");

        wizard.WaitForAssertion(() =>
        {
            Assert.True(Steps(wizard)[0].Instance.GetState(x => x.HasError));
            Assert.True(Steps(wizard)[0].Instance.IsActive);
        });

        FillValidBucketStep();

        wizard.WaitForAssertion(() => Assert.False(Steps(wizard)[0].Instance.GetState(x => x.HasError)));
    }

    [Fact]
    public void PreviousIsDisabled_OnTheFirstStep_AndNextAndPrevious_MoveBetweenSteps_MarkingTheStepDone()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        Assert.True(Button(wizard, "Previous").HasAttribute("disabled"));
        FillValidBucketStep();

        Click(wizard, "Next");

        wizard.WaitForAssertion(() =>
        {
            Assert.Equal(1, wizard.FindComponent<MudStepper>().Instance.GetState(x => x.ActiveIndex));
            Assert.Contains("IAM policy", SelectedTab(wizard), StringComparison.Ordinal);
            Assert.False(Button(wizard, "Previous").HasAttribute("disabled"));
            // The step left behind is done (MudStepper shows its tick instead of its number).
            Assert.True(((IStepContext)Steps(wizard)[0].Instance).Completed);
        });

        Click(wizard, "Previous");

        wizard.WaitForAssertion(() => Assert.Equal(0, wizard.FindComponent<MudStepper>().Instance.GetState(x => x.ActiveIndex)));
        Assert.Contains("Bucket", SelectedTab(wizard), StringComparison.Ordinal);
    }

    [Fact]
    public void AKeystroke_RedrawsTheFieldTyped_NotTheWizard_TheOtherFields_TheRegionList_OrTheConnectionPanel()
    {
        IRenderedComponent<RenderCountingWizard> wizard = Render<RenderCountingWizard>();
        wizard.WaitForAssertion(() => Assert.Equal(3, wizard.FindComponents<ValidatedTextField>().Count));
        var fields = wizard.FindComponents<ValidatedTextField>().ToDictionary(f => f.Instance.TestId!);
        var region = wizard.FindComponent<RegionSelect>();
        var connection = wizard.FindComponent<ConnectionPanel>();
        var step = wizard.FindComponent<BucketStep>();
        // A rendered component's count includes its descendants' renders: the wizard's own renders are counted apart.
        int wizardRenders = wizard.Instance.Renders;
        int bucketRenders = fields["bucket-name"].RenderCount;
        int keyRenders = fields["key-arn"].RenderCount;
        int regionRenders = region.RenderCount;
        int connectionRenders = connection.RenderCount;
        int stepRenders = step.RenderCount;

        wizard.Find("input[data-testid=bucket-name]").Input("lab-ica-data");

        wizard.WaitForAssertion(() => Assert.True(fields["bucket-name"].RenderCount > bucketRenders));
        Assert.True(step.RenderCount > stepRenders, "the step shows the inputs");
        Assert.Equal(wizardRenders, wizard.Instance.Renders);
        Assert.Equal(keyRenders, fields["key-arn"].RenderCount);
        Assert.Equal(regionRenders, region.RenderCount);
        Assert.Equal(connectionRenders, connection.RenderCount);
    }

    [Fact]
    public void AKeystroke_RedrawsTheOfflinePlanPanels_OnlyWhenTheirCommandsOrWhatTheyMissChanged()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        wizard.Find("input[data-testid=key-arn]").Input("arn:aws:kms:us-east-1:1234");
        IRenderedComponent<PlanPanel> PanelOf(PlanScope scope) => wizard.FindComponents<PlanPanel>().Single(p => p.Instance.Scope == scope);
        IRenderedComponent<PlanPanel> bucketPanel = PanelOf(PlanScope.Bucket);
        IRenderedComponent<PlanPanel> keyPanel = PanelOf(PlanScope.Key);
        IRenderedComponent<ValidatedTextField> keyField = wizard.FindComponents<ValidatedTextField>().Single(f => f.Instance.TestId == "key-arn");
        int bucketPanelRenders = bucketPanel.RenderCount;
        int keyPanelRenders = keyPanel.RenderCount;
        int fieldRenders = keyField.RenderCount;

        // No bucket name yet: the panels' commands wait for it whatever is typed in the key field.
        wizard.Find("input[data-testid=key-arn]").Input("arn:aws:kms:us-east-1:12345");

        wizard.WaitForAssertion(() => Assert.True(keyField.RenderCount > fieldRenders));
        Assert.Equal(bucketPanelRenders, bucketPanel.RenderCount);
        Assert.Equal(keyPanelRenders, keyPanel.RenderCount);

        // With a bucket name the commands show, and every keystroke in the name changes them.
        wizard.Find("input[data-testid=bucket-name]").Input("lab-ica-data");
        wizard.WaitForAssertion(() => Assert.Contains("lab-ica-data", bucketPanel.Find("pre").TextContent, StringComparison.Ordinal));
        wizard.Find("input[data-testid=bucket-name]").Input("lab-ica-data2");
        wizard.WaitForAssertion(() => Assert.Contains("lab-ica-data2", bucketPanel.Find("pre").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingTheRegion_RedrawsTheRegionList_AndTheKeyField_WhosePlaceholderNamesIt()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        var region = wizard.FindComponent<RegionSelect>();
        var key = wizard.FindComponents<ValidatedTextField>().Single(f => f.Instance.TestId == "key-arn");
        int regionRenders = region.RenderCount;

        OnDispatcher(() => State.SetRegion("eu-central-1"));

        wizard.WaitForAssertion(() =>
        {
            Assert.True(region.RenderCount > regionRenders);
            Assert.Contains("arn:aws:kms:eu-central-1:", key.Find("input").GetAttribute("placeholder"), StringComparison.Ordinal);
        });
    }

    /// <summary>The wizard, counting its own renders (not its children's).</summary>
    private sealed class RenderCountingWizard : SetupWizard
    {
        public int Renders { get; private set; }

        protected override void OnAfterRender(bool firstRender)
        {
            Renders++;
            base.OnAfterRender(firstRender);
        }
    }
}
