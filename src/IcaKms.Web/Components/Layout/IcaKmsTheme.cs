using MudBlazor;

namespace IcaKms.Web.Components.Layout;

/// <summary>The app's theme: the system font stack, so nothing is fetched from a font CDN.</summary>
internal static class IcaKmsTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "Liberation Sans", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#ff9900",
            AppbarBackground = "#1f4e79",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
    };
}
