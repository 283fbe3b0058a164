using System.IO.Compression;
using System.Text;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using IcaKms.Core.Setup;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Wizard;

/// <summary>A newcomer walks all five steps; every download must be exactly what Core generates for the inputs.</summary>
[Collection(E2ECollection.Name)]
public sealed class WalkthroughTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task Walkthrough_DownloadsMatchCore_UnversionedInUsEast1WithCrossAccountCopy() =>
        await WalkAsync(WalkthroughScenario.Unversioned);

    [Fact]
    public async Task Walkthrough_DownloadsMatchCore_VersionedInSydneyScopedToPrefix() =>
        await WalkAsync(WalkthroughScenario.Versioned);

    private static void AssertDownloaded(string expectedName, string expectedText, DownloadedFile file)
    {
        Assert.Equal(expectedName, file.SuggestedFileName);
        Assert.Equal(expectedText, Encoding.UTF8.GetString(file.Content));
        // Byte for byte too: no BOM, no re-encoding on the way through JS interop and the Blob.
        Assert.Equal(Encoding.UTF8.GetBytes(expectedText), file.Content);
    }

    private static string ReadEntry(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the zip.");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private async Task WalkAsync(WalkthroughScenario scenario)
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        // 1. Bucket
        await wizard.Bucket.ExpectActiveAsync();
        await wizard.Bucket.SelectRegionAsync(scenario.Region.DisplayName);
        await wizard.Bucket.FillAsync(scenario.BucketName, scenario.KeyArn, scenario.KeyPrefix);
        await wizard.SaveScreenshotAsync($"{scenario.Name}-1-bucket");
        await wizard.NextAsync();

        // 2. IAM policy
        await wizard.IamPolicy.ExpectActiveAsync();
        await wizard.IamPolicy.ChooseVariantAsync(scenario.Variant);
        await wizard.IamPolicy.SetScopeToPrefixAsync(scenario.ScopeObjectsToPrefix);
        await Expect(wizard.IamPolicy.Policy.Preview).ToHaveTextAsync(scenario.ExpectedIamPolicy);
        await wizard.SaveScreenshotAsync($"{scenario.Name}-2-iam-policy");
        AssertDownloaded(SetupFileNames.IamPolicy, scenario.ExpectedIamPolicy, await wizard.IamPolicy.Policy.DownloadAsync());
        await wizard.NextAsync();

        // 3. ICA configuration
        await wizard.IcaConfiguration.ExpectActiveAsync();
        await wizard.IcaConfiguration.FillAsync(scenario.ConfigurationName, scenario.Description);
        await Expect(wizard.IcaConfiguration.ApiRequest.Preview).ToHaveTextAsync(scenario.ExpectedStorageConfiguration);
        await wizard.SaveScreenshotAsync($"{scenario.Name}-3-ica-configuration");
        AssertDownloaded(
            SetupFileNames.StorageConfiguration,
            scenario.ExpectedStorageConfiguration,
            await wizard.IcaConfiguration.ApiRequest.DownloadAsync());
        await wizard.NextAsync();

        // 4. Cross-account copy
        await wizard.CrossAccount.ExpectActiveAsync();
        await wizard.CrossAccount.SetCrossAccountCopyAsync(scenario.CrossAccountCopy);
        if (scenario.CrossAccountCopy)
        {
            await Expect(wizard.CrossAccount.RoleArn).ToHaveValueAsync(scenario.SuggestedRoleArn);
            await Expect(wizard.CrossAccount.KeyPolicyStatement.Preview).ToHaveTextAsync(scenario.ExpectedKeyPolicyStatement);
            await wizard.SaveScreenshotAsync($"{scenario.Name}-4-cross-account");
            AssertDownloaded(
                SetupFileNames.KeyPolicyStatement,
                scenario.ExpectedKeyPolicyStatement,
                await wizard.CrossAccount.KeyPolicyStatement.DownloadAsync());
        }
        else
        {
            await Expect(wizard.CrossAccount.OffNote).ToBeVisibleAsync();
            await Expect(wizard.CrossAccount.KeyPolicyStatement.Preview).ToHaveCountAsync(0);
            await wizard.SaveScreenshotAsync($"{scenario.Name}-4-cross-account");
        }

        await wizard.NextAsync();

        // 5. Review
        await wizard.Review.ExpectActiveAsync();
        foreach (string id in new[] { "region", "bucket-name", "key-arn", "key-prefix", "iam-policy", "configuration-name" })
        {
            await Expect(wizard.Review.Check(id)).ToContainTextAsync("— pass");
        }

        await Expect(wizard.Review.Check("cross-account-role")).ToContainTextAsync(scenario.CrossAccountCopy ? "— pass" : "— not checked");
        await wizard.SaveScreenshotAsync($"{scenario.Name}-5-review");

        DownloadedFile bundle = await wizard.Review.DownloadAllAsync();
        Assert.Equal($"icakms-{scenario.BucketName}.zip", bundle.SuggestedFileName);
        using var zip = new ZipArchive(new MemoryStream(bundle.Content), ZipArchiveMode.Read);
        Assert.Equal(
            [
                "README.txt", "cloudformation-README.md", "cloudformation.json", "iam-policy.json", "ica-storage-configuration.json", "kms-key-policy-statement.json",
                "terraform/README.md", "terraform/main.tf", "terraform/outputs.tf", "terraform/variables.tf",
            ],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(scenario.ExpectedIamPolicy, ReadEntry(zip, SetupFileNames.IamPolicy));
        Assert.Equal(scenario.ExpectedKeyPolicyStatement, ReadEntry(zip, SetupFileNames.KeyPolicyStatement));
        Assert.Equal(scenario.ExpectedStorageConfiguration, ReadEntry(zip, SetupFileNames.StorageConfiguration));
        Assert.Contains(scenario.BucketName, ReadEntry(zip, SetupFileNames.Readme), StringComparison.Ordinal);

        DownloadedFile terraform = await wizard.Review.DownloadTerraformAsync();
        Assert.Equal($"icakms-{scenario.BucketName}-terraform.zip", terraform.SuggestedFileName);
        using var terraformZip = new ZipArchive(new MemoryStream(terraform.Content), ZipArchiveMode.Read);
        Assert.Equal(ReadEntry(zip, "terraform/main.tf"), ReadEntry(terraformZip, "terraform/main.tf"));
        Assert.Contains($"default     = \"{scenario.BucketName}\"", ReadEntry(terraformZip, "terraform/variables.tf"), StringComparison.Ordinal);

        DownloadedFile cloudFormation = await wizard.Review.DownloadCloudFormationAsync();
        Assert.Equal($"icakms-{scenario.BucketName}-cloudformation.zip", cloudFormation.SuggestedFileName);
        using var cloudFormationZip = new ZipArchive(new MemoryStream(cloudFormation.Content), ZipArchiveMode.Read);
        Assert.Equal(ReadEntry(zip, "cloudformation.json"), ReadEntry(cloudFormationZip, "cloudformation.json"));
    }
}
