using MudBlazor;

namespace IcaKms.Web.Components.Layout;

/// <summary>
/// The app's theme: the system font stack, so nothing is fetched from a font CDN, and a palette whose every colour
/// reaches 4.5:1 against white and against its own tinted alert background (WCAG 2.2 AA text), with white text on it
/// where it is a fill (snackbars, filled chips and buttons). The ratios are beside each colour.
/// </summary>
internal static class IcaKmsTheme
{
    private const string White = "#ffffff";

    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "Liberation Sans", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",            // 8.66:1 on white
            PrimaryContrastText = White,
            Secondary = "#8a4600",          // 7.10:1, a dark AWS orange (the bright #ff9900 was 2.1:1)
            SecondaryContrastText = White,
            Success = "#1b6e33",            // 6.32:1 (MudBlazor's #00c853 was 2.23:1)
            SuccessContrastText = White,
            Warning = "#8a4b00",            // 6.80:1 (#ff9800 was 2.86:1 as alert text, 2:1 under the snackbar's white)
            WarningContrastText = White,
            Error = "#b3261e",              // 6.54:1 (#f44336 was 3.68:1)
            ErrorContrastText = White,
            Info = "#0b5a9c",               // 7.10:1
            InfoContrastText = White,
            TextPrimary = "#1f2328",        // 15.8:1
            TextSecondary = "#595f66",      // 6.45:1, also on the 8 % alert tints (5.8:1)
            TextDisabled = "#6b7075",       // 5.0:1: also the fill behind the stepper's step numbers (white on it) and, via app.css, placeholders
            ActionDefault = "#595f66",      // icon buttons and the stepper's inactive icons
            LinesInputs = "#767676",        // 4.54:1: text-field outlines and underlines above the 3:1 for UI parts
            BorderOpacity = 0.6,            // outlined buttons, chips and alerts: borders at ~4:1, not the faint 0.12 that looked disabled
            AppbarBackground = "#1f4e79",
            AppbarText = White,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
    };
}
