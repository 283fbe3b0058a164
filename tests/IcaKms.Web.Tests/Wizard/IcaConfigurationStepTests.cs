using IcaKms.Web.Components.Wizard;
using MudBlazor;

namespace IcaKms.Web.Tests.Wizard;

public class IcaConfigurationStepTests : WizardTestContext
{
    [Fact]
    public void Fields_FollowIcaFormOrder_WithKeyArnAsKeyName()
    {
        FillValidBucketStep();
        State.SetConfigurationName("lab-kms");

        IRenderedComponent<IcaConfigurationStep> step = Render<IcaConfigurationStep>();

        string[] labels = step.FindAll("tbody th").Select(th => th.TextContent.Trim()).ToArray();
        Assert.Equal("Type", labels[0]);
        Assert.Equal("Key Name", labels[^1]);
        Assert.Contains(KeyArn, step.Find("[data-testid='ica-field-Key Name']").TextContent, StringComparison.Ordinal);
        Assert.Contains("ica/", step.Find("[data-testid='ica-field-Key prefix']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldCopy_SendsThatValue()
    {
        FillValidBucketStep();
        IRenderedComponent<IcaConfigurationStep> step = Render<IcaConfigurationStep>();

        step.Find("button[aria-label='Copy Bucket name']").Click();

        JSRuntimeInvocation call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "icakms.copyText");
        Assert.Equal("lab-ica-data", call.Arguments[0]);
    }

    [Fact]
    public void ApiPreview_FollowsConfigurationName()
    {
        IRenderedComponent<IcaConfigurationStep> step = Render<IcaConfigurationStep>();

        step.InvokeAsync(() => State.SetConfigurationName("genomics-kms"));
        step.Render();

        Assert.Contains("\"name\": \"genomics-kms\"", step.Find("[data-testid='preview-ica-storage-configuration.json']").TextContent, StringComparison.Ordinal);
    }
}
