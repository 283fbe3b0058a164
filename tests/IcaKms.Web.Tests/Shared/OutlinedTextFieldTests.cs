using AngleSharp.Dom;
using IcaKms.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IcaKms.Web.Tests.Shared;

public class OutlinedTextFieldTests : WizardTestContext
{
    private IRenderedComponent<OutlinedTextField> RenderField(Action<ComponentParameterCollectionBuilder<OutlinedTextField>>? more = null) =>
        Render<OutlinedTextField>(p =>
        {
            p.Add(c => c.Id, "bucket-name-input")
             .Add(c => c.Label, "Bucket name")
             .Add(c => c.HelperText, "The S3 bucket's name only.")
             .Add(c => c.TestId, "bucket-name");
            more?.Invoke(p);
        });

    [Fact]
    public void Label_NamesTheInput_ThroughFor()
    {
        IRenderedComponent<OutlinedTextField> field = RenderField();

        IElement label = field.Find("label");
        Assert.Equal("Bucket name", label.TextContent);
        Assert.Equal("bucket-name-input", label.GetAttribute("for"));
        Assert.Equal("bucket-name-input", field.Find("input").Id);
        Assert.Equal("Bucket name", field.Find("fieldset legend").TextContent);
    }

    [Fact]
    public void HelperText_DescribesTheInput_WhenValid()
    {
        IRenderedComponent<OutlinedTextField> field = RenderField();

        IElement input = field.Find("input");
        Assert.Equal("false", input.GetAttribute("aria-invalid"));
        IElement helper = field.Find($"#{input.GetAttribute("aria-describedby")}");
        Assert.Equal("The S3 bucket's name only.", helper.TextContent);
        Assert.DoesNotContain("mud-input-error", field.Find(".mud-input-control").ClassList);
    }

    [Fact]
    public void Error_ReplacesHelperText_MarksFieldInvalid_AndDescribesTheInput()
    {
        IRenderedComponent<OutlinedTextField> field = RenderField(p => p
            .Add(c => c.Error, "Bucket names cannot contain capital letters.")
            .Add(c => c.ErrorId, "bucket-name-error"));

        IElement input = field.Find("input");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("bucket-name-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Bucket names cannot contain capital letters.", field.Find("#bucket-name-error").TextContent);
        Assert.DoesNotContain("The S3 bucket's name only.", field.Markup, StringComparison.Ordinal);
        // MudBlazor's error colours: the control, the outlined box, the label and the helper line.
        Assert.Contains("mud-input-error", field.Find(".mud-input-control").ClassList);
        Assert.Contains("mud-input-error", field.Find(".mud-input").ClassList);
        Assert.Contains("mud-input-error", field.Find("label").ClassList);
        Assert.Contains("mud-input-error", field.Find(".mud-input-helper-text").ClassList);
    }

    [Fact]
    public void Required_SetsRequiredAndAriaRequired()
    {
        IRenderedComponent<OutlinedTextField> field = RenderField(p => p.Add(c => c.Required, true));

        Assert.True(field.Find("input").HasAttribute("required"));
        Assert.Equal("true", field.Find("input").GetAttribute("aria-required"));
        Assert.Contains("mud-input-required", field.Find(".mud-input-control").ClassList);
    }

    [Fact]
    public void Label_FloatsAbove_OnlyWithValueOrPlaceholder()
    {
        // MudBlazor's mud-shrink: without it the label sits in the box until focus (CSS :focus-within).
        Assert.DoesNotContain("mud-shrink", RenderField().Find(".mud-input").ClassList);
        Assert.Contains("mud-shrink", RenderField(p => p.Add(c => c.Value, "lab")).Find(".mud-input").ClassList);
        Assert.Contains("mud-shrink", RenderField(p => p.Add(c => c.Placeholder, "my-lab-ica-data")).Find(".mud-input").ClassList);
    }

    [Fact]
    public void Typing_PassesEachValueOn()
    {
        var values = new List<string>();
        IRenderedComponent<OutlinedTextField> field = RenderField(p => p
            .Add(c => c.ValueChanged, EventCallback.Factory.Create<string>(this, values.Add)));

        field.Find("input").Input("la");
        field.Find("input").Input("lab");

        Assert.Equal(["la", "lab"], values);
    }

    [Fact]
    public void Blur_IsHandled_OnlyWhenAsked()
    {
        Assert.False(RenderField().Find("input").HasAttribute("blazor:onblur"));

        bool blurred = false;
        IRenderedComponent<OutlinedTextField> field = RenderField(p => p
            .Add(c => c.OnBlur, EventCallback.Factory.Create<FocusEventArgs>(this, () => blurred = true)));
        field.Find("input").Blur();

        Assert.True(blurred);
    }

    [Fact]
    public void Verbatim_TurnsOffSpellCheckAndAutocomplete()
    {
        IElement input = RenderField(p => p.Add(c => c.Verbatim, true)).Find("input");

        Assert.Equal("false", input.GetAttribute("spellcheck"));
        Assert.Equal("off", input.GetAttribute("autocomplete"));
        Assert.Equal("bucket-name", input.GetAttribute("data-testid"));
    }
}
