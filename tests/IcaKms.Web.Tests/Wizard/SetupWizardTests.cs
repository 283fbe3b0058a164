using AngleSharp.Dom;
using IcaKms.Core.Setup;
using IcaKms.Web.Services;
using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

public class SetupWizardTests : WizardTestContext
{
    private IRenderedComponent<SetupWizard> RenderWizard()
    {
        return Render<SetupWizard>();
    }

    private static void ClickNext(IRenderedComponent<SetupWizard> wizard) =>
        wizard.FindAll("button").Single(b => b.TextContent.Trim().Equals("Next", StringComparison.OrdinalIgnoreCase)).Click();

    private static string ActiveStepTitle(IRenderedComponent<SetupWizard> wizard) =>
        wizard.Find("[role=tab][aria-selected=true] .step-title > span").TextContent;

    /// <summary>The text shown with a field: its label, helper or error message.</summary>
    private static string FieldText(IRenderedComponent<SetupWizard> wizard, string testId) =>
        wizard.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public void Next_StaysOnBucketStep_WhenFieldsEmpty()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        ClickNext(wizard);

        Assert.Equal("Bucket", ActiveStepTitle(wizard));
        wizard.WaitForAssertion(() => Assert.Contains("bucket name is required", FieldText(wizard, "bucket-name"), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Next_StaysOnBucketStep_WhenKeyIsAnAlias()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillValidBucketStep();
        OnDispatcher(() => State.SetKeyArn("arn:aws:kms:us-east-1:123456789012:alias/ica"));

        ClickNext(wizard);

        Assert.Equal("Bucket", ActiveStepTitle(wizard));
        wizard.WaitForAssertion(() => Assert.Contains("alias resolves in the caller's account", FieldText(wizard, "key-arn"), StringComparison.Ordinal));
    }

    [Fact]
    public void Next_MovesToIamPolicy_WhenBucketStepValid()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillValidBucketStep();

        ClickNext(wizard);

        wizard.WaitForAssertion(() => Assert.Equal("IAM policy", ActiveStepTitle(wizard)));
    }

    [Fact]
    public void Next_StaysOnIcaConfiguration_WhenConfigurationNameTooLong()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillValidBucketStep();
        ClickNext(wizard);
        ClickNext(wizard);
        OnDispatcher(() => State.SetConfigurationName("this-name-is-far-too-long-for-ica"));

        ClickNext(wizard);

        Assert.Equal("ICA configuration", ActiveStepTitle(wizard));
        wizard.WaitForAssertion(() => Assert.Contains("15 characters", FieldText(wizard, "configuration-name"), StringComparison.Ordinal));
    }

    [Fact]
    public void Next_StaysOnCrossAccount_WhenRoleIsAUserArn()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillValidBucketStep();
        OnDispatcher(() => State.SetConfigurationName("lab-kms"));
        ClickNext(wizard);
        ClickNext(wizard);
        ClickNext(wizard);
        OnDispatcher(() => State.SetCrossAccountCopy(true));
        OnDispatcher(() => State.SetCrossAccountRoleArn("arn:aws:iam::079623148045:user/someone"));

        ClickNext(wizard);

        Assert.Equal("Cross-account copy", ActiveStepTitle(wizard));
    }

    [Fact]
    public void Back_KeepsInputs_AfterMovingForward()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillValidBucketStep();
        ClickNext(wizard);

        wizard.FindAll("button").Single(b => b.TextContent.Trim().Equals("Previous", StringComparison.OrdinalIgnoreCase)).Click();

        wizard.WaitForAssertion(() => Assert.Equal("Bucket", ActiveStepTitle(wizard)));
        IElement bucketInput = wizard.Find("input[data-testid=bucket-name]");
        Assert.Equal("lab-ica-data", bucketInput.GetAttribute("value"));
    }

    [Fact]
    public void FirstRender_RestoresInputs_KeptInBrowser()
    {
        JSInterop.Setup<string?>("icakms.load", _ => true)
            .SetResult("""{"awsRegion":"ap-southeast-2","bucketName":"kept-bucket","keyArn":"","keyPrefix":"runs/"}""");

        IRenderedComponent<SetupWizard> wizard = RenderWizard();

        wizard.WaitForAssertion(() => Assert.Equal("kept-bucket", State.Inputs.BucketName));
        Assert.Equal("ap-southeast-2", State.Inputs.AwsRegion);
    }

    [Fact]
    public void Input_IsSavedToBrowser_AfterChange()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        wizard.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "icakms.load"));

        wizard.InvokeAsync(() => State.SetBucketName("saved-bucket"));

        JSRuntimeInvocation save = JSInterop.Invocations.Last(i => i.Identifier == "icakms.save");
        Assert.Contains("saved-bucket", (string)save.Arguments[1]!, StringComparison.Ordinal);
        Assert.Equal(WizardStorage.Key, save.Arguments[0]);
    }

    [Fact]
    public void StartOver_ClearsInputsAndBrowserStorage()
    {
        IRenderedComponent<SetupWizard> wizard = RenderWizard();
        FillValidBucketStep();

        wizard.FindAll("button").Single(b => b.TextContent.Contains("Start over", StringComparison.OrdinalIgnoreCase)).Click();

        wizard.WaitForAssertion(() => Assert.Equal(string.Empty, State.Inputs.BucketName));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "icakms.remove");
        Assert.Equal(new SetupInputs().AwsRegion, State.Inputs.AwsRegion);
    }
}
