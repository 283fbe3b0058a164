using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>Step 1: the ICA region, the bucket, the KMS key and the prefix folder.</summary>
public sealed class BucketStepPage(IPage page, Uri baseUrl) : WizardStepPage(page, baseUrl)
{
    public override string Title => "Bucket";

    protected override string HeadingText => "Bucket and KMS key";

    public ILocator Region => Page.GetByRole(AriaRole.Combobox, new() { Name = "ICA region" });

    public ILocator BucketName => Page.GetByRole(AriaRole.Textbox, new() { Name = "Bucket name" });

    public ILocator KeyArn => Page.GetByRole(AriaRole.Textbox, new() { Name = "KMS key ARN" });

    public ILocator KeyPrefix => Page.GetByRole(AriaRole.Textbox, new() { Name = "Key prefix (folder)" });

    /// <summary>Chooses <paramref name="displayName"/> in the region picker, e.g. "Australia (ap-southeast-2)".</summary>
    /// <remarks>The picker is the browser's own select, so it is chosen as a person's keyboard would.</remarks>
    public async Task SelectRegionAsync(string displayName)
    {
        await Region.SelectOptionAsync(new SelectOptionValue { Label = displayName });
        await Expect(Region.Locator("option:checked")).ToHaveTextAsync(displayName);
    }

    /// <summary>Types the bucket, the key and the prefix, and waits until the fields show them.</summary>
    public async Task FillAsync(string bucketName, string keyArn, string keyPrefix)
    {
        await BucketName.FillAsync(bucketName);
        await KeyArn.FillAsync(keyArn);
        await KeyPrefix.FillAsync(keyPrefix);
        await Expect(BucketName).ToHaveValueAsync(bucketName);
        await Expect(KeyArn).ToHaveValueAsync(keyArn);
        await Expect(KeyPrefix).ToHaveValueAsync(keyPrefix);
    }
}
