using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Wizard;

/// <summary>The non-secret inputs survive a reload (localStorage) until "Start over".</summary>
[Collection(E2ECollection.Name)]
public sealed class PersistenceTests(AppServer app, BrowserFixture browser)
{
    private const string Bucket = "my-lab-ica-data";
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Prefix = "ica-data/";

    [Fact]
    public async Task Reload_ShowsBucketInputsAgain()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.FillAsync(Bucket, KeyArn, Prefix);
        await wizard.WaitUntilStoredAsync(Prefix);

        await wizard.ReloadAsync();

        await Expect(wizard.Bucket.BucketName).ToHaveValueAsync(Bucket);
        await Expect(wizard.Bucket.KeyArn).ToHaveValueAsync(KeyArn);
        await Expect(wizard.Bucket.KeyPrefix).ToHaveValueAsync(Prefix);
    }

    [Fact]
    public async Task StartOver_EmptiesBucketInputs_AlsoAfterReload()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.FillAsync(Bucket, KeyArn, Prefix);
        await wizard.WaitUntilStoredAsync(Prefix);

        await wizard.StartOverAsync();

        await wizard.SaveScreenshotAsync("start-over");
        await Expect(wizard.Bucket.BucketName).ToHaveValueAsync(string.Empty);
        await Expect(wizard.Bucket.KeyArn).ToHaveValueAsync(string.Empty);
        await Expect(wizard.Bucket.KeyPrefix).ToHaveValueAsync(string.Empty);
        await wizard.WaitUntilStorageClearedAsync();

        await wizard.ReloadAsync();

        // Nothing kept means nothing to restore after the first render, so the empty fields are final.
        Assert.Null(await wizard.KeptInputsReadAtStartAsync());
        await Expect(wizard.Bucket.BucketName).ToHaveValueAsync(string.Empty);
        await Expect(wizard.Bucket.KeyArn).ToHaveValueAsync(string.Empty);
        await Expect(wizard.Bucket.KeyPrefix).ToHaveValueAsync(string.Empty);
    }

    [Fact]
    public async Task Reload_ReturnsToTheStepShown()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.FillAsync(Bucket, KeyArn, Prefix);
        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await wizard.NextAsync();
        await wizard.IcaConfiguration.ExpectActiveAsync();
        await wizard.WaitUntilStepStoredAsync(2);

        await wizard.ReloadAsync();

        await wizard.IcaConfiguration.ExpectActiveAsync();
        await Expect(wizard.Bucket.Tab).ToHaveAttributeAsync("aria-selected", "false");
    }

    [Fact]
    public async Task StartOver_Undo_RestoresInputsAndStep()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.FillAsync(Bucket, KeyArn, Prefix);
        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await wizard.WaitUntilStoredAsync(Prefix);

        await wizard.StartOverAsync();
        await wizard.Bucket.ExpectActiveAsync();
        await Expect(wizard.Bucket.BucketName).ToHaveValueAsync(string.Empty);

        await wizard.UndoButton.ClickAsync();

        await wizard.IamPolicy.ExpectActiveAsync();
        await wizard.WaitUntilStoredAsync(Prefix);
        await wizard.PreviousAsync();
        await wizard.Bucket.ExpectActiveAsync();
        await Expect(wizard.Bucket.BucketName).ToHaveValueAsync(Bucket);
        await Expect(wizard.Bucket.KeyArn).ToHaveValueAsync(KeyArn);
        await Expect(wizard.Bucket.KeyPrefix).ToHaveValueAsync(Prefix);
    }
}
