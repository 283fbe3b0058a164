using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.FakeAws;
using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>
/// A browser tab of its own (a fresh context: no storage shared with other tests) on the wizard, opened once its
/// circuit is interactive and, for the live tests, connected to the app's loopback fake AWS: the preamble the browser
/// tests share. Disposing it closes the context.
/// </summary>
public sealed class WizardTab : IAsyncDisposable
{
    private WizardTab(IPage page, Uri baseUrl)
    {
        Page = page;
        Wizard = new WizardPage(page, baseUrl);
        Connection = new ConnectionPanel(page);
    }

    public IPage Page { get; }

    public WizardPage Wizard { get; }

    public ConnectionPanel Connection { get; }

    /// <summary>Opens the wizard in a new browser context.</summary>
    public static async Task<WizardTab> OpenAsync(BrowserFixture browser, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var tab = new WizardTab(await browser.NewPageAsync(baseUrl), baseUrl);
        await tab.Wizard.OpenAsync();
        return tab;
    }

    /// <summary>
    /// Opens the wizard in a new browser context, pastes credentials the fake AWS knows (its default access key id
    /// unless told) and connects, waiting until the panel names the caller.
    /// </summary>
    public static async Task<WizardTab> OpenConnectedAsync(
        BrowserFixture browser, Uri baseUrl, string secret, string token, string accessKeyId = FakeAwsScenario.DefaultAccessKeyId)
    {
        WizardTab tab = await OpenAsync(browser, baseUrl);
        await tab.Connection.ConnectAsync(accessKeyId, secret, token);
        return tab;
    }

    public ValueTask DisposeAsync() => Page.Context.DisposeAsync();
}
