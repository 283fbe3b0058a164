using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Shared;

/// <summary>
/// The markup <see cref="MudBlazor.MudIcon"/> renders for an SVG icon, written into the parent's render tree: a static
/// icon then costs no component (state, two render trees, parameter objects) in every circuit.
/// </summary>
internal static class SvgIcon
{
    /// <summary>An icon's svg element; <paramref name="cssClass"/> adds classes (a colour such as <c>mud-success-text</c>, a margin).</summary>
    /// <param name="icon">The icon's inner SVG, e.g. <c>Icons.Material.Filled.Key</c>.</param>
    /// <param name="size">small, medium or large, as MudIcon's size class.</param>
    /// <param name="cssClass">Further classes, or null.</param>
    public static RenderFragment Of(string icon, string size = "medium", string? cssClass = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass is null
            ? $"mud-icon-root mud-svg-icon mud-icon-size-{size}"
            : $"mud-icon-root mud-svg-icon mud-icon-size-{size} {cssClass}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, icon);
        builder.CloseElement();
    };
}
