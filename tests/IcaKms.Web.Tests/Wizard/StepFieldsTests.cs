using AngleSharp.Dom;
using IcaKms.Core.Ica;
using IcaKms.Web.Components.Wizard;
using MudBlazor;
using IcaKms.Core;

namespace IcaKms.Web.Tests.Wizard;

/// <summary>
/// The steps' fields as MudBlazor renders them (MudTextField, MudSelect, and the region's native select): labelled,
/// described, Core's verdict next to the field, every keystroke kept.
/// </summary>
public class StepFieldsTests : WizardTestContext
{
    private static IElement Input(IRenderedComponent<BucketStep> step, string testId) => step.Find($"input[data-testid={testId}]");

    private static IElement Control(IRenderedComponent<BucketStep> step, string testId) => Input(step, testId).Closest(".mud-input-control")!;

    [Fact]
    public void TextField_IsNamedByItsLabel_AndDescribedByItsHelperText_WhileValid()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();

        IElement input = Input(step, "bucket-name");
        IElement label = Control(step, "bucket-name").QuerySelector("label")!;
        Assert.Equal(input.Id, label.GetAttribute("for"));
        Assert.Equal("Bucket name", label.TextContent.Trim());
        Assert.Equal("false", input.GetAttribute("aria-invalid"));
        Assert.Contains("The S3 bucket", step.Find($"#{input.GetAttribute("aria-describedby")}").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TextField_ShowsCoresError_InItsHelperLine_InMudBlazorsErrorState_AndDescribedByIt()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();

        Input(step, "bucket-name").Input("Lab-Data");

        step.WaitForAssertion(() => Assert.Equal("true", Input(step, "bucket-name").GetAttribute("aria-invalid")));
        IElement control = Control(step, "bucket-name");
        Assert.Contains("mud-input-error", control.ClassList);
        IElement helper = control.QuerySelector(".mud-input-helper-text")!;
        Assert.Contains("mud-input-error", helper.ClassList);
        Assert.Contains(State.Validation.BucketName.Error!, helper.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("The S3 bucket", control.TextContent, StringComparison.Ordinal);
        Assert.Equal(State.Validation.BucketName.Error, step.Find($"#{Input(step, "bucket-name").GetAttribute("aria-describedby")}").TextContent.Trim());
    }

    [Fact]
    public void RequiredField_IsRequiredForAssistiveTechnology_AndMarkedInItsLabel()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();

        IElement input = Input(step, "bucket-name");
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("true", input.GetAttribute("aria-required"));
        Assert.Contains("mud-input-required", Control(step, "bucket-name").ClassList);
        Assert.False(Input(step, "key-prefix").HasAttribute("required"));
    }

    [Fact]
    public void RequiredField_EmptiedAfterBlur_ThenFilledElsewhere_ShowsNoStaleError()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();
        Input(step, "bucket-name").Blur();
        step.WaitForAssertion(() => Assert.Equal("true", Input(step, "bucket-name").GetAttribute("aria-invalid")));

        // Restored from the browser, or "Undo" of Start over: the value comes from the inputs, not from typing.
        OnDispatcher(() => State.SetBucketName("lab-ica-data"));

        step.WaitForAssertion(() => Assert.Equal("false", Input(step, "bucket-name").GetAttribute("aria-invalid")));
        Assert.DoesNotContain("mud-input-error", Control(step, "bucket-name").ClassList);
        Assert.DoesNotContain("required", Control(step, "bucket-name").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FastTyping_LosesNoCharacter_AndTheFieldShowsWhatWasTyped()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();
        const string typed = "lab-ica-data-2026";

        for (int i = 1; i <= typed.Length; i++)
        {
            Input(step, "bucket-name").Input(typed[..i]);
        }

        step.WaitForAssertion(() => Assert.Equal(typed, State.Inputs.BucketName));
        Assert.Equal(typed, Input(step, "bucket-name").GetAttribute("value"));
    }

    [Fact]
    public void VerbatimFields_HaveNoSpellCheckOrAutocomplete()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();

        Assert.All(new[] { "bucket-name", "key-arn", "key-prefix" }, id =>
        {
            Assert.Equal("false", Input(step, id).GetAttribute("spellcheck"));
            Assert.Equal("off", Input(step, id).GetAttribute("autocomplete"));
        });
    }

    [Fact]
    public void RegionList_IsTheBrowsersSelect_Labelled_Described_AndHoldingEveryIcaRegion()
    {
        IRenderedComponent<BucketStep> step = Render<BucketStep>();

        IElement select = step.Find("select[data-testid=region]");
        Assert.Equal("ICA region", step.Find($"label[for={select.Id}]").TextContent.Trim());
        Assert.Contains("must all be in this AWS region", step.Find($"#{select.GetAttribute("aria-describedby")}").TextContent, StringComparison.Ordinal);
        Assert.Equal(IcaRegions.All.Select(r => r.AwsRegion), select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal(State.Inputs.AwsRegion, select.GetAttribute("value"));
    }

    [Fact]
    public void Description_IsAMudTextField_AndEveryKeystrokeReachesTheInputs()
    {
        IRenderedComponent<IcaConfigurationStep> step = Render<IcaConfigurationStep>();

        IElement description = step.Find("#description-input");
        Assert.Equal("Description", step.Find("label[for=description-input]").TextContent.Trim());
        description.Input("Lab");
        step.Find("#description-input").Input("Lab data");

        step.WaitForAssertion(() => Assert.Equal("Lab data", State.Inputs.Description));
        Assert.Single(step.FindComponents<MudTextField<string>>(), f => f.Find("input").Id == "description-input");
    }
}
