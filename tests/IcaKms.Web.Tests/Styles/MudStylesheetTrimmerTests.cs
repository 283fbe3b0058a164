using System.Reflection;

namespace IcaKms.Web.Tests.Styles;

/// <summary>
/// The trimmed MudBlazor stylesheet the app links (wwwroot/css/mudblazor.trimmed.css) is exactly what
/// <see cref="MudStylesheetTrimmer"/> makes of the referenced MudBlazor package's file, so an upgrade cannot drift
/// silently; and the trimmer drops only what it says. (The browser tests check, on every screenshot, that the page looks
/// the same with the full sheet and that every MudBlazor rule matching the page is kept: BasePage.SaveScreenshotAsync.)
/// </summary>
public class MudStylesheetTrimmerTests
{
    /// <summary>Set to 1 (scripts/trim-mudblazor-css.sh does) to write the stylesheet instead of comparing it.</summary>
    public const string UpdateVariable = "ICAKMS_UPDATE_TRIMMED_CSS";

    private static string PackageFolder =>
        typeof(MudStylesheetTrimmerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "MudBlazorPackage").Value!;

    private static string CheckedInPath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcaKms.sln")))
            {
                return Path.Combine(dir.FullName, "src", "IcaKms.Web", "wwwroot", "css", "mudblazor.trimmed.css");
            }
        }

        throw new InvalidOperationException($"IcaKms.sln not found above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void CheckedInStylesheet_IsTheTrimOfThePackagesOwnFile()
    {
        string packageCss = Path.Combine(PackageFolder, "staticwebassets", "MudBlazor.min.css");
        string version = new DirectoryInfo(PackageFolder.TrimEnd('/', '\\')).Name;
        string expected = MudStylesheetTrimmer.Trim(File.ReadAllText(packageCss), $"MudBlazor {version} staticwebassets/MudBlazor.min.css");
        string path = CheckedInPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        string actual = File.Exists(path) ? File.ReadAllText(path) : "";
        Assert.True(actual == expected,
            $"{path} is not the trim of MudBlazor {version}'s MudBlazor.min.css ({actual.Length} vs {expected.Length} chars): run scripts/trim-mudblazor-css.sh.");
        // It is a real cut of the package's file, not a copy and not an empty sheet.
        Assert.InRange(actual.Length, new FileInfo(packageCss).Length / 4, new FileInfo(packageCss).Length * 3 / 4);
    }

    [Theory]
    [InlineData(".mud-slider .mud-slider-track")]
    [InlineData(".mud-button-group-root .mud-button-root")]
    [InlineData(".mud-drawer-open.mud-application-layout .mud-main-content")]
    [InlineData(".mud-picker-calendar-day:hover")]
    [InlineData(".mud-tab")]
    [InlineData(".mud-xs-table .mud-table-cell")]
    [InlineData(".mt-sm-4")]
    [InlineData(".px-md-n2")]
    [InlineData(".ma-lg-auto")]
    [InlineData(".gap-xl-3")]
    public void Drops_SelectorsOfUnusedComponents_AndBreakpointSpacing(string selector) =>
        Assert.True(MudStylesheetTrimmer.Drops(selector), selector);

    [Theory]
    [InlineData(".mud-table-cell")]
    [InlineData(".mud-tabular")]
    [InlineData(".mud-stepper-nav .mud-step")]
    [InlineData(".mud-input-control.mud-input-error .mud-input-helper-text")]
    [InlineData(".mud-select .mud-popover-open")]
    [InlineData(".mud-list-item:hover")]
    [InlineData(".mud-chip-outlined.mud-chip-color-success")]
    [InlineData(".mt-4")]
    [InlineData(".d-sm-flex")]
    [InlineData(".mud-grid-item-md-7")]
    public void Keeps_SelectorsOfUsedComponentsAndUtilities(string selector) =>
        Assert.False(MudStylesheetTrimmer.Drops(selector), selector);

    [Fact]
    public void Trim_DropsSelectorsFromTheirList_AndEmptyMediaBlocks_AndKeepsTheRest()
    {
        const string css = "\uFEFF/*! licence */.mud-slider,.mud-button{color:red}.mud-tabs{a:b}"
            + "@media(max-width:600px){.mud-drawer{x:y}}@media(min-width:960px){.mud-drawer{x:y}.mud-alert{p:q}}"
            + "@keyframes mud-slider-spin{0%{opacity:0}}.mt-sm-2{margin-top:8px}.mt-2{margin-top:8px}";

        string trimmed = MudStylesheetTrimmer.Trim(css, "test");

        string body = trimmed[(trimmed.IndexOf('\n') + 1)..];
        Assert.Equal("/*! licence */.mud-button{color:red}@media(min-width:960px){.mud-alert{p:q}}"
            + "@keyframes mud-slider-spin{0%{opacity:0}}.mt-2{margin-top:8px}", body);
        Assert.StartsWith("/* Generated from test ", trimmed);
    }

    [Fact]
    public void SplitSelectors_SplitsAtTopLevelCommasOnly() =>
        Assert.Equal([".a:is(.b,.c)", ".d[data-x='1,2']"], MudStylesheetTrimmer.SplitSelectors(".a:is(.b,.c),.d[data-x='1,2']"));
}
