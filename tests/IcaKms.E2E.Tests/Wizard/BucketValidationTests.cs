using System.Text.RegularExpressions;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Wizard;

/// <summary>Core's message about a KMS alias reaches the user beside the field, in a real browser.</summary>
[Collection(E2ECollection.Name)]
public sealed class BucketValidationTests(AppServer app, BrowserFixture browser)
{
    private const string AliasArn = "arn:aws:kms:us-east-1:123456789012:alias/x";

    // Core's alias message; the field's helper text also says "not an alias", so match more than the word.
    private static readonly Regex AliasMessage = new("An alias resolves in the caller's account", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task KeyArnField_ShowsAliasMessage_WhileTypingAnAliasArn()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        await wizard.Bucket.KeyArn.FillAsync(AliasArn);

        await Expect(wizard.Bucket.FieldBox(wizard.Bucket.KeyArn)).ToContainTextAsync(AliasMessage);
        await Expect(page.GetByText(AliasMessage)).ToBeVisibleAsync();
        await Expect(wizard.Bucket.KeyArn).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Next_StaysOnBucketWithAliasMessageBesideKeyArn_WhenKeyArnIsAnAlias()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.BucketName.FillAsync("my-lab-ica-data");
        await wizard.Bucket.KeyArn.FillAsync(AliasArn);

        await wizard.NextAsync();

        await Expect(wizard.Snackbar("Some fields need attention")).ToBeVisibleAsync();
        await wizard.Bucket.ExpectActiveAsync();
        await Expect(wizard.IamPolicy.Heading).ToBeHiddenAsync();
        await wizard.SaveScreenshotAsync("validation-alias-after-next");
        // The snackbar sends the user to "the messages under them": the alias message must be there.
        await Expect(wizard.Bucket.FieldBox(wizard.Bucket.KeyArn)).ToContainTextAsync(AliasMessage);
        await Expect(page.GetByText(AliasMessage)).ToBeVisibleAsync();
        await Expect(wizard.Bucket.KeyArn).ToHaveAttributeAsync("aria-invalid", "true");
    }
}
