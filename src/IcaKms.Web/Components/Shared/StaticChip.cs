using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Shared;

/// <summary>
/// The markup of a small, non-interactive <see cref="MudBlazor.MudChip{T}"/> (a label: a file name, a verdict, an
/// action of a policy), written into the parent's render tree so a list of them costs no component each.
/// </summary>
internal static class StaticChip
{
    /// <summary>A small chip.</summary>
    /// <param name="text">Its text.</param>
    /// <param name="color">MudBlazor's colour name: default, success, error, ...</param>
    /// <param name="filled">Filled rather than outlined.</param>
    /// <param name="icon">An SVG icon before the text, or null.</param>
    /// <param name="title">The tooltip, or null.</param>
    /// <param name="role">An ARIA role (e.g. listitem), or null.</param>
    /// <param name="testId">A data-testid, or null.</param>
    public static RenderFragment Of(string text, string color = "default", bool filled = false, string? icon = null,
        string? title = null, string? role = null, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", $"mud-chip {(filled ? "mud-chip-filled" : "mud-chip-outlined")} mud-chip-size-small mud-chip-color-{color}");
        builder.AddAttribute(4, "tabindex", "-1");
        builder.AddAttribute(5, "role", role);
        builder.AddAttribute(6, "title", title);
        builder.AddAttribute(7, "data-testid", testId);
        if (icon is not null)
        {
            builder.AddContent(8, SvgIcon.Of(icon, "small", "mud-chip-icon"));
        }

        builder.OpenElement(9, "span");
        builder.AddAttribute(10, "class", "mud-chip-content");
        builder.AddContent(11, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
