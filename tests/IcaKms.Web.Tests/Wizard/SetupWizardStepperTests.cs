using AngleSharp.Dom;
using IcaKms.Core.Setup;
using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>
/// The wizard's own stepper (issue 8, round 3), written as MudStepper's markup: its tabs and tab panel, moving by
/// Next, Previous and the tabs, the ticks and "!" marks, and the completed view.
/// </summary>
public class SetupWizardStepperTests : WizardTestContext
{
    private IRenderedComponent<SetupWizard> RenderWizard()
    {
        return Render<SetupWizard>();
    }

    private static void ClickButton(IRenderedComponent<SetupWizard> wizard, string text) =>
        wizard.FindAll("button").Single(b => b.TextContent.Trim().Equals(text, StringComparison.Ordinal)).Click();

    private static IElement Tab(IRenderedComponent<SetupWizard> wizard, WizardStep step) =>
        wizard.FindAll("[role=tablist] > [role=tab]")[(int)step];

    private static string ActiveStepTitle(IRenderedComponent<SetupWizard> wizard) =>
        wizard.Find("[role=tab][aria-selected=true] .step-title > span").TextContent;

    private void FillEveryStep() => OnDispatcher(() =>
    {
        State.SetBucketName("lab-ica-data");
        State.SetKeyArn(KeyArn);
        State.SetKeyPrefix("ica");
        State.SetConfigurationName("lab-kms");
    });

    [Fact]
    public void Tabs_AreATabList_TheActiveOneSelected_AndControllingTheOnlyPanel_WhichNamesIt()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        var tabs = wizard.FindAll("[role=tablist] > [role=tab]");
        Assert.Equal(5, tabs.Count);
        Assert.All(tabs, t => Assert.Equal("BUTTON", t.TagName));
        Assert.Equal(["true", "false", "false", "false", "false"], tabs.Select(t => t.GetAttribute("aria-selected")));
        IElement panel = wizard.Find("[role=tabpanel]");
        Assert.Single(wizard.FindAll("[role=tabpanel]"));
        Assert.Equal(panel.Id, tabs[0].GetAttribute("aria-controls"));
        Assert.Equal(tabs[0].Id, panel.GetAttribute("aria-labelledby"));
        Assert.Equal("0", panel.GetAttribute("tabindex"));
        // A tab whose panel is not in the page controls nothing (no dangling aria-controls).
        Assert.All(tabs.Skip(1), t => Assert.False(t.HasAttribute("aria-controls")));
        Assert.Equal(tabs.Count, tabs.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void OnlyTheActiveStepsContent_IsRendered()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillEveryStep();

        Assert.Single(wizard.FindComponents<BucketStep>());
        ClickButton(wizard, "Next");

        wizard.WaitForAssertion(() => Assert.Single(wizard.FindComponents<IamPolicyStep>()));
        Assert.Empty(wizard.FindComponents<BucketStep>());
        Assert.Empty(wizard.FindComponents<IcaConfigurationStep>());
        Assert.Empty(wizard.FindComponents<ReviewStep>());
    }

    [Fact]
    public void ClickingALaterTab_IsRefused_WhileAStepBeforeItIsInvalid_AndMarksThatStepWithItsErrors()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        Tab(wizard, WizardStep.IcaConfiguration).Click();

        Assert.Equal("Bucket", ActiveStepTitle(wizard));
        IElement bucket = Tab(wizard, WizardStep.Bucket);
        Assert.Contains("mud-step-error", bucket.ClassList);
        Assert.Contains("mud-error", bucket.QuerySelector(".mud-step-label-icon")!.ClassList);
        Assert.Contains("mud-error-text", bucket.QuerySelector(".step-title")!.ClassList);
        Assert.NotNull(bucket.QuerySelector(".mud-step-label-icon svg"));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "icakms.focusFirstInvalid");
        Assert.NotEmpty(wizard.FindAll("[aria-invalid=true]"));
    }

    [Fact]
    public void ClickingATab_MovesToIt_ForwardWhenTheStepsBeforeAreValid_AndBackFreely()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillEveryStep();

        Tab(wizard, WizardStep.CrossAccount).Click();
        wizard.WaitForAssertion(() => Assert.Equal("Cross-account copy", ActiveStepTitle(wizard)));
        Assert.Single(wizard.FindComponents<CrossAccountStep>());
        // A tab click moves without completing the steps it passes, as MudStepper.
        Assert.Empty(wizard.FindAll(".mud-step-completed"));

        Tab(wizard, WizardStep.Bucket).Click();
        wizard.WaitForAssertion(() => Assert.Equal("Bucket", ActiveStepTitle(wizard)));
        Assert.Contains(JSInterop.Invocations, i =>
            i.Identifier == "icakms.save" && WizardStorage.StepKey.Equals(i.Arguments[0]) && "3".Equals(i.Arguments[1]));
    }

    [Fact]
    public void Next_TicksTheStepPassed_PreviousGoesBack_AndTheLastStepLeftOffersComplete_ThenTheCompletedView()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillEveryStep();

        ClickButton(wizard, "Next");
        wizard.WaitForAssertion(() => Assert.Equal("IAM policy", ActiveStepTitle(wizard)));
        IElement bucket = Tab(wizard, WizardStep.Bucket);
        Assert.Contains("mud-step-completed", bucket.ClassList);
        Assert.Contains("mud-primary", bucket.QuerySelector(".mud-step-label-icon")!.ClassList);
        Assert.Empty(bucket.QuerySelectorAll(".mud-step-label-icon span"));

        ClickButton(wizard, "Previous");
        wizard.WaitForAssertion(() => Assert.Equal("Bucket", ActiveStepTitle(wizard)));
        // Still ticked: going back does not undo a step passed.
        Assert.Contains("mud-step-completed", Tab(wizard, WizardStep.Bucket).ClassList);

        for (int i = 0; i < 4; i++)
        {
            Assert.Empty(wizard.FindAll("button.mud-stepper-button-complete"));
            wizard.Find("button.mud-stepper-button-next").Click();
        }

        wizard.WaitForAssertion(() => Assert.Equal("Review", ActiveStepTitle(wizard)));
        Assert.Empty(wizard.FindAll("button.mud-stepper-button-next"));
        ClickButton(wizard, "Complete");

        wizard.WaitForAssertion(() => Assert.Contains("All steps done", wizard.Find(".mud-stepper-complete").TextContent));
        Assert.Empty(wizard.FindAll("[role=tabpanel]"));
        Assert.Empty(wizard.FindAll("button.mud-stepper-button-previous, button.mud-stepper-button-next, button.mud-stepper-button-complete"));
        Assert.Equal(5, wizard.FindAll(".mud-step-completed").Count);
        Assert.Single(wizard.FindComponents<ReviewStep>());
    }

    [Fact]
    public void OnTheLastStep_WithEarlierStepsNotPassed_NextIsDisabled_AsMudStepper()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillEveryStep();

        Tab(wizard, WizardStep.Review).Click();

        wizard.WaitForAssertion(() => Assert.Equal("Review", ActiveStepTitle(wizard)));
        Assert.True(wizard.Find("button.mud-stepper-button-next").HasAttribute("disabled"));
        Assert.Empty(wizard.FindAll("button.mud-stepper-button-complete"));
    }
}
