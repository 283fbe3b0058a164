using Microsoft.Playwright;
using IcaKms.Core.Setup;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>Step 3: the values of ICA's storage configuration form, and the same as an API request.</summary>
public sealed class IcaConfigurationStepPage(IPage page, Uri baseUrl) : WizardStepPage(page, baseUrl)
{
    public override string Title => "ICA configuration";

    protected override string HeadingText => "ICA storage configuration";

    public ILocator ConfigurationName => Page.GetByRole(AriaRole.Textbox, new() { Name = "Configuration name" });

    public ILocator Description => Page.GetByRole(AriaRole.Textbox, new() { Name = "Description", Exact = true });

    public DocumentPreviewPanel ApiRequest => new(Page, SetupFileNames.StorageConfiguration);

    public async Task FillAsync(string configurationName, string description)
    {
        await ConfigurationName.FillAsync(configurationName);
        await Description.FillAsync(description);
        await Expect(ConfigurationName).ToHaveValueAsync(configurationName);
        await Expect(Description).ToHaveValueAsync(description);
    }
}
