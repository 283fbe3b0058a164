using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace IcaKms.Web.Components.Shared;

/// <summary>
/// The markup MudBlazor's outlined <see cref="MudBlazor.MudTextField{T}"/> renders (its input control, input, label and
/// helper text: five components), written into the caller's render tree with the same classes, so it looks the same:
/// outlined box, floating label (CSS, on focus or when there is a value or a placeholder), helper text, error state.
/// A field then costs its caller's frames, not five components in every circuit.
/// </summary>
internal static class OutlinedInput
{
    /// <summary>The field's markup; its events go to the callbacks in <paramref name="field"/>.</summary>
    public static RenderFragment Of(OutlinedInputField field) => builder => Build(builder, field);

    private static void Build(RenderTreeBuilder builder, OutlinedInputField field)
    {
        bool error = field.Error is not null;
        string helperId = $"{field.Id}-helper-text";
        string? note = field.Error ?? field.HelperText;
        string? noteId = error && field.ErrorId is not null ? field.ErrorId : helperId;

        // The class lists MudInputControl, MudInput and MudInputLabel build for an outlined field with a label.
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class",
            $"mud-input-control{(field.Required ? " mud-input-required" : null)}{(error ? " mud-input-error" : null)} mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed {field.Class}");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class",
            $"mud-input mud-input-outlined mud-input-outlined-with-label{(string.IsNullOrEmpty(field.Value) && string.IsNullOrEmpty(field.Placeholder) ? null : " mud-shrink")}{(error ? " mud-input-error" : null)} mud-typography-subtitle1 mud-input-sizing-fixed");

        builder.OpenElement(6, "input");
        builder.AddAttribute(7, "class", "mud-input-slot mud-input-root mud-input-root-outlined");
        builder.AddAttribute(8, "id", field.Id);
        builder.AddAttribute(9, "type", "text");
        builder.AddAttribute(10, "value", field.Value);
        builder.AddAttribute(11, "placeholder", field.Placeholder);
        builder.AddAttribute(12, "maxlength", field.MaxLength);
        builder.AddAttribute(13, "required", field.Required);
        builder.AddAttribute(14, "aria-required", field.Required ? "true" : "false");
        builder.AddAttribute(15, "aria-invalid", error ? "true" : "false");
        builder.AddAttribute(16, "aria-describedby", error ? noteId : field.HelperText is null ? null : helperId);
        builder.AddAttribute(17, "spellcheck", field.Verbatim ? "false" : null);
        builder.AddAttribute(18, "autocomplete", field.Verbatim ? "off" : null);
        builder.AddAttribute(19, "data-testid", field.TestId);
        builder.AddAttribute(20, "oninput", field.OnInput);
        // As @bind does: the value the browser sent becomes the rendered one, so a render that overtakes fast typing
        // does not send an older value back into the input (lost characters).
        builder.SetUpdatesAttributeName("value");
        // No handler (and no round trip) when the caller does not ask for blurs.
        builder.AddAttribute(21, "onblur", field.OnBlur);
        builder.CloseElement();

        builder.OpenElement(22, "fieldset");
        builder.AddAttribute(23, "class", "mud-input-outlined-border");
        builder.OpenElement(24, "legend");
        builder.AddContent(25, field.Label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();

        builder.OpenElement(26, "label");
        builder.AddAttribute(27, "class", error
            ? "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-error mud-input-label-inputcontrol"
            : "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol");
        builder.AddAttribute(28, "for", field.Id);
        builder.AddContent(29, field.Label);
        builder.CloseElement();
        builder.CloseElement();

        // The helper line: the error in place of the helper text while there is one.
        if (!string.IsNullOrEmpty(note))
        {
            builder.OpenElement(30, "div");
            builder.AddAttribute(31, "class", "mud-input-control-helper-container px-2");
            builder.OpenElement(32, "div");
            builder.AddAttribute(33, "class", error ? "d-flex mud-input-helper-text mud-input-error" : "d-flex mud-input-helper-text");
            builder.OpenElement(34, "div");
            builder.AddAttribute(35, "class", "me-auto");
            builder.AddAttribute(36, "id", noteId);
            builder.AddContent(37, note);
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
        }

        builder.CloseElement();
    }
}
