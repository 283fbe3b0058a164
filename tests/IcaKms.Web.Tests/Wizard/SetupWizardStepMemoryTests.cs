using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>The step shown survives a reload, "Start over" can be undone, and the phone's step line names the step.</summary>
public class SetupWizardStepMemoryTests : WizardTestContext
{
    private const string ValidInputs =
        """{"awsRegion":"us-east-1","bucketName":"lab-ica-data","keyArn":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab","keyPrefix":"ica/","configurationName":"lab-kms"}""";

    private IRenderedComponent<SetupWizard> RenderWizard()
    {
        return Render<SetupWizard>();
    }

    private static void ClickNext(IRenderedComponent<SetupWizard> wizard) =>
        wizard.FindAll("button").Single(b => b.TextContent.Trim().Equals("Next", StringComparison.OrdinalIgnoreCase)).Click();

    private static string ActiveStepTitle(IRenderedComponent<SetupWizard> wizard) =>
        wizard.Find("[role=tab][aria-selected=true] .step-title > span").TextContent;

    private void KeepInBrowser(string inputs, string step)
    {
        JSInterop.Setup<string?>("icakms.load", call => WizardStorage.Key.Equals(call.Arguments[0])).SetResult(inputs);
        JSInterop.Setup<string?>("icakms.load", call => WizardStorage.StepKey.Equals(call.Arguments[0])).SetResult(step);
    }

    [Fact]
    public void Next_KeepsStepIndexInBrowser()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillValidBucketStep();

        ClickNext(wizard);

        wizard.WaitForAssertion(() => Assert.Contains(
            JSInterop.Invocations,
            i => i.Identifier == "icakms.save" && WizardStorage.StepKey.Equals(i.Arguments[0]) && "1".Equals(i.Arguments[1])));
    }

    [Fact]
    public void FirstRender_OpensKeptStep_WhenStepsBeforeItAreValid()
    {
        KeepInBrowser(ValidInputs, "2");

        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        wizard.WaitForAssertion(() => Assert.Equal("ICA configuration", ActiveStepTitle(wizard)));
        Assert.Equal("Step 3 of 5 — ICA configuration", wizard.Find("[data-testid=phone-step-header]").TextContent);
    }

    [Fact]
    public void FirstRender_OpensFirstInvalidStep_WhenKeptStepIsPastIt()
    {
        KeepInBrowser("""{"awsRegion":"us-east-1","bucketName":"lab-ica-data","keyArn":"","keyPrefix":""}""", "3");

        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        wizard.WaitForAssertion(() => Assert.Equal("lab-ica-data", State.Inputs.BucketName));
        Assert.Equal("Bucket", ActiveStepTitle(wizard));
    }

    [Fact]
    public void StartOver_Undo_RestoresInputsAndStep()
    {
        (IRenderedComponent<SetupWizard> wizard, IRenderedComponent<MudSnackbarProvider> snackbars) = RenderWithSnackbars<SetupWizard>();
        FillValidBucketStep();
        ClickNext(wizard);
        wizard.WaitForAssertion(() => Assert.Equal("IAM policy", ActiveStepTitle(wizard)));

        wizard.FindAll("button").Single(b => b.TextContent.Contains("Start over", StringComparison.OrdinalIgnoreCase)).Click();
        wizard.WaitForAssertion(() => Assert.Equal(string.Empty, State.Inputs.BucketName));
        snackbars.WaitForAssertion(() => snackbars.FindAll("button").Single(b => b.TextContent.Trim() == "Undo").Click());

        wizard.WaitForAssertion(() => Assert.Equal("lab-ica-data", State.Inputs.BucketName));
        Assert.Equal(KeyArn, State.Inputs.KeyArn);
        wizard.WaitForAssertion(() => Assert.Equal("IAM policy", ActiveStepTitle(wizard)));
    }

    [Fact]
    public void NeedsAttentionMessage_GoesAway_WhenTheStepIsFixed()
    {
        (IRenderedComponent<SetupWizard> wizard, IRenderedComponent<MudSnackbarProvider> snackbars) = RenderWithSnackbars<SetupWizard>();

        ClickNext(wizard);
        snackbars.WaitForAssertion(() => Assert.Contains("need attention", snackbars.Markup, StringComparison.Ordinal));
        wizard.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "icakms.focusFirstInvalid"));

        FillValidBucketStep();

        snackbars.WaitForAssertion(() => Assert.DoesNotContain("need attention", snackbars.Markup, StringComparison.Ordinal));
    }
}
