using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>The AWS connection panel at the top of the wizard.</summary>
public sealed class ConnectionPanel(IPage page)
{
    public ILocator OpenButton => page.GetByRole(AriaRole.Button, new() { Name = "Connect to AWS" });

    public ILocator AccessKeyId => page.GetByLabel("Access key id", new() { Exact = true });

    public ILocator SecretAccessKey => page.GetByLabel("Secret access key", new() { Exact = true });

    public ILocator SessionToken => page.GetByLabel("Session token", new() { Exact = true });

    public ILocator ConnectButton => page.GetByRole(AriaRole.Button, new() { Name = "Connect with these credentials" });

    public ILocator DisconnectButton => page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" });

    public ILocator Identity => page.GetByTestId("connected-identity");

    public ILocator Offline => page.GetByTestId("offline-status");

    /// <summary>Pastes credentials, connects, and waits until the panel names the caller.</summary>
    public async Task ConnectAsync(string accessKeyId, string secret, string token)
    {
        await OpenButton.ClickAsync();
        await AccessKeyId.FillAsync(accessKeyId);
        await SecretAccessKey.FillAsync(secret);
        await SessionToken.FillAsync(token);
        await ConnectButton.ClickAsync();
        await Expect(Identity).ToBeVisibleAsync();
    }
}
