using System.IO.Compression;
using System.Text;
using IcaKms.Web.Components.Layout;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Web.Tests.Hosting;

/// <summary>The theme as one stylesheet: what MudThemeProvider renders for IcaKms' theme, rendered once per process.</summary>
public class ThemeStylesheetTests
{
    private static async Task<ThemeStylesheet.Content> RenderAsync()
    {
        IConfiguration configuration = new ConfigurationBuilder().Build();
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddIcaKmsWeb(builder.Configuration);
        await using WebApplication app = builder.Build();
        return await app.Services.GetRequiredService<ThemeStylesheet>().GetAsync();
    }

    [Fact]
    public async Task Css_HoldsTheThemesPaletteAndFonts_AsCssText()
    {
        ThemeStylesheet.Content content = await RenderAsync();

        // IcaKmsTheme: primary #1f4e79, error #b3261e, the system font stack.
        Assert.Contains("--mud-palette-primary: rgba(31,78,121,1);", content.Css, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-error: rgba(179,38,30,1);", content.Css, StringComparison.Ordinal);
        Assert.Contains("system-ui", content.Css, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", content.Css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brotli_DecompressesToTheCss_AndTheUrlCarriesItsVersion()
    {
        ThemeStylesheet.Content content = await RenderAsync();

        using var brotli = new BrotliStream(new MemoryStream(content.Brotli), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        Assert.Equal(content.Css, await reader.ReadToEndAsync());
        Assert.Equal($"theme.css?v={content.Version}", content.Href);
        Assert.Equal(content.Version, (await RenderAsync()).Version);
    }

    [Fact]
    public void CssOf_JoinsTheTextOfEveryStyleElement()
    {
        string css = ThemeStylesheet.CssOf("<style>\na{b:c}\n</style>\n<style class='mud-theme-provider'>:root{--x: 1;}</style>");

        Assert.Equal("a{b:c}\n:root{--x: 1;}", css);
    }
}
