using IcaKms.Core.Setup;
using IcaKms.Web.Components.Connection;
using IcaKms.Web.Components.Shared;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>
/// The wizard's light circuit (issue 8): the stepper's labels and buttons drawn as markup look and act as MudStepper's
/// own, and a keystroke redraws only what shows the changed input.
/// </summary>
public class SetupWizardRenderingTests : WizardTestContext
{
    private IRenderedComponent<SetupWizard> RenderWizard()
    {
        return Render<SetupWizard>();
    }

    private static void Click(IRenderedComponent<SetupWizard> wizard, string text) =>
        wizard.FindAll("button").Single(b => b.TextContent.Trim().Equals(text, StringComparison.Ordinal)).Click();

    [Fact]
    public void StepLabels_ShowNumber_Title_AndSecondaryText_TheActiveOneHighlighted()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        var labels = wizard.FindAll(".mud-step-label");
        Assert.Equal(5, labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            var step = (WizardStep)i;
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), labels[i].QuerySelector(".mud-step-label-icon span")!.TextContent);
            Assert.Equal(StepTitles.Of(step), labels[i].QuerySelector(".mud-step-label-content-title")!.TextContent);
            Assert.Equal(StepTitles.SecondaryOf(step), labels[i].QuerySelector(".mud-step-label-content-secondary-text")!.TextContent);
        }

        Assert.Contains("mud-primary", labels[0].QuerySelector(".mud-step-label-icon")!.ClassList);
        Assert.Contains("mud-typography-subtitle2", labels[0].QuerySelector(".mud-step-label-content-title")!.ClassList);
        Assert.DoesNotContain("mud-primary", labels[1].QuerySelector(".mud-step-label-icon")!.ClassList);
        Assert.Contains("mud-typography-body2", labels[1].QuerySelector(".mud-step-label-content-title")!.ClassList);
    }

    [Fact]
    public void BlockedNext_MarksTheStepWithAnError_AndFixingTheFields_TakesTheMarkAway()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        Click(wizard, "Next");

        wizard.WaitForAssertion(() =>
        {
            var first = wizard.FindAll(".mud-step-label")[0];
            Assert.Contains("mud-error", first.QuerySelector(".mud-step-label-icon")!.ClassList);
            Assert.Contains("mud-error-text", first.QuerySelector(".mud-step-label-content")!.ClassList);
            Assert.NotNull(first.QuerySelector(".mud-step-label-icon svg"));
        });

        FillValidBucketStep();

        wizard.WaitForAssertion(() =>
        {
            var first = wizard.FindAll(".mud-step-label")[0];
            Assert.DoesNotContain("mud-error", first.QuerySelector(".mud-step-label-icon")!.ClassList);
            Assert.Equal("1", first.QuerySelector(".mud-step-label-icon span")!.TextContent);
        });
    }

    [Fact]
    public void PreviousIsDisabled_OnTheFirstStep_AndNextAndPrevious_MoveBetweenSteps_MarkingTheStepDone()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        Assert.True(wizard.Find("button.mud-stepper-button-previous").HasAttribute("disabled"));
        FillValidBucketStep();

        Click(wizard, "Next");

        wizard.WaitForAssertion(() =>
        {
            Assert.Equal("IAM policy", wizard.Find("[role=tab][aria-selected=true] .mud-step-label-content-title").TextContent);
            Assert.False(wizard.Find("button.mud-stepper-button-previous").HasAttribute("disabled"));
            // The step left behind shows the tick instead of its number.
            Assert.Empty(wizard.FindAll(".mud-step-label")[0].QuerySelectorAll(".mud-step-label-icon span"));
            Assert.NotNull(wizard.FindAll(".mud-step-label")[0].QuerySelector(".mud-step-label-icon svg"));
        });

        Click(wizard, "Previous");

        wizard.WaitForAssertion(() => Assert.Equal("Bucket", wizard.Find("[role=tab][aria-selected=true] .mud-step-label-content-title").TextContent));
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
