using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.FakeAws;
using IcaKms.FakeIca;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Ica;

/// <summary>
/// The preamble of the ICA browser tests that need no live checks on hand: steps 1 and 2 of the fake account's working
/// setup with the test's IAM user, then step 3 with ICA connected (its region read).
/// </summary>
internal static class IcaStepThree
{
    public static async Task<(WizardPage Wizard, IcaApiPanelPage Ica)> OpenAsync(
        IPage page, AppServer app, string configurationName, string iamUser, string awsSecret, string awsToken)
    {
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await new ConnectionPanel(page).ConnectAsync(FakeAwsScenario.DefaultAccessKeyId, awsSecret, awsToken);
        await wizard.Bucket.FillAsync(FakeAwsScenario.DefaultBucketName, app.Aws.Scenario.DefaultKeyArn, "ica/");
        await wizard.NextAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "IAM user for ICA" }).FillAsync(iamUser);
        await wizard.NextAsync();
        await wizard.IcaConfiguration.ConfigurationName.FillAsync(configurationName);
        var ica = new IcaApiPanelPage(page);
        await ica.ConnectAsync(FakeIcaScenario.DefaultApiKey);
        await Expect(ica.Region).ToContainTextAsync("United States");
        return (wizard, ica);
    }
}
