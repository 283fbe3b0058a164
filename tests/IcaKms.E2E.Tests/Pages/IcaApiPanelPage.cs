using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>Step 3's "Finish in ICA through its API" panel.</summary>
public sealed class IcaApiPanelPage(IPage page)
{
    public ILocator Root => page.GetByTestId("ica-api-panel");

    public ILocator ApiKey => Root.GetByLabel("ICA API key", new() { Exact = true });

    public ILocator ConnectButton => Root.GetByRole(AriaRole.Button, new() { Name = "Connect to ICA" });

    public ILocator Connected => Root.GetByTestId("ica-connected");

    public ILocator Region => Root.GetByTestId("ica-region");

    public ILocator Validation => Root.GetByTestId("ica-validation");

    public PlanPanelPage Plan => new(page, "ica");

    /// <summary>Types the key, connects, and waits until the panel says it is connected.</summary>
    public async Task ConnectAsync(string apiKey)
    {
        await ApiKey.FillAsync(apiKey);
        await ConnectButton.ClickAsync();
        await Expect(Connected).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    /// <summary>Chooses a new access key for the ICA IAM user (for a credential of the name given, else the default), and confirms the two-keys note.</summary>
    public async Task ChooseNewIamKeyAsync(string userName, string? credentialName = null)
    {
        await Root.GetByText($"Create a new access key for {userName}").ClickAsync();
        if (credentialName is not null)
        {
            await Root.GetByRole(AriaRole.Textbox, new() { Name = "New credential name" }).FillAsync(credentialName);
            await Root.GetByRole(AriaRole.Textbox, new() { Name = "New credential name" }).BlurAsync();
            await Expect(Root.GetByTestId("ica-new-key-confirmation")).ToContainTextAsync(credentialName);
        }

        await Expect(Root.GetByTestId("ica-new-key-confirmation")).ToContainTextAsync("at most two access keys");
        await Root.GetByRole(AriaRole.Button, new() { Name = $"Yes, create a key for {userName}" }).ClickAsync();
    }

    /// <summary>Pastes an access key of the ICA IAM user for the new credential.</summary>
    public async Task PasteAccessKeyAsync(string credentialName, string accessKeyId, string secret)
    {
        await Root.GetByText("Paste the ICA IAM user's access key").ClickAsync();
        await Root.GetByRole(AriaRole.Textbox, new() { Name = "New credential name" }).FillAsync(credentialName);
        await Root.GetByRole(AriaRole.Textbox, new() { Name = "New credential name" }).BlurAsync();
        await Root.GetByLabel("IAM user's access key id", new() { Exact = true }).FillAsync(accessKeyId);
        await Root.GetByLabel("IAM user's secret access key", new() { Exact = true }).FillAsync(secret);
        await Root.GetByRole(AriaRole.Button, new() { Name = "Use this access key" }).ClickAsync();
        await Expect(Root.GetByTestId("ica-pasted-key")).ToContainTextAsync(accessKeyId);
    }
}
