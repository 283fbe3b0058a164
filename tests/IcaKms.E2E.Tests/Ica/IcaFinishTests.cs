using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.FakeAws;
using IcaKms.FakeIca;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Ica;

/// <summary>
/// Step 3's "Finish in ICA" in a real browser, from the fake AWS account's working setup to the loopback fake ICA:
/// connect ICA, create the credential and the configuration, and watch ICA's validation to OK, or to ERROR with its
/// message beside the live check that explains it. No key or secret may reach the page or any log line.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class IcaFinishTests(AppServer app, BrowserFixture browser)
{
    private const string AwsSecret = "E2eIcaAwsSecretValue/0123456789";
    private const string AwsToken = "E2eIcaAwsTokenValue0123456789";
    private const string PastedSecret = "E2ePastedIcaUserSecret/0123456789abcdef";

    [Fact]
    public async Task AppliedSetup_NewIamKey_CredentialAndConfiguration_ValidateToOk()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        (WizardPage wizard, IcaApiPanelPage ica) = await OpenStepThreeAsync(page, "lab-kms-ok");

        await ica.ChooseNewIamKeyAsync(FakeAwsScenario.DefaultIamUserName);
        await ica.Plan.PlanAsync();
        await Expect(ica.Plan.Changes).ToHaveCountAsync(4);
        await Expect(ica.Plan.Changes.Nth(0)).ToContainTextAsync("iam:CreateAccessKey");
        await Expect(ica.Plan.Changes.Nth(2)).ToContainTextAsync("\"serverSideEncryptionKey\"");
        await wizard.SaveScreenshotAsync("ica-1-plan");
        await AssertAccessibleAsync(ica);
        await ica.Plan.ApplyAsync(4);

        await Expect(ica.Root.GetByTestId("ica-validation-ok")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(ica.Plan.AppliedChanges.Filter(new() { HasText = "— done" })).ToHaveCountAsync(4);
        await wizard.SaveScreenshotAsync("ica-2-validated-ok");

        FakeIcaConfiguration created = Assert.Single(app.Ica.Configurations, c => c.Name == "lab-kms-ok");
        Assert.Equal(("OK", FakeAwsScenario.DefaultBucketName, "ica/", app.Aws.Scenario.DefaultKeyArn), (created.Status, created.BucketName, created.KeyPrefix, created.Key));
        string newKey = Assert.Single(app.Aws.AccessKeysOf(FakeAwsScenario.DefaultIamUserName));
        FakeIcaCredential credential = Assert.Single(app.Ica.Credentials, c => c.Id == created.CredentialId);
        Assert.Equal((newKey, app.Aws.AccessKeySecretDigest(newKey)), (credential.AccessKeyId, credential.SecretDigest));
        await AssertNoSecretAnywhereAsync(page, app.Aws.AccessKeySecretDigest(newKey)!);
    }

    [Fact]
    public async Task PastedKey_ValidationError_ShowsIcasMessageBesideTheLiveCheck()
    {
        const string message = "User: arn:aws:iam::111122223333:user/ica-storage is not authorized to perform: kms:GenerateDataKey on the key";
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        (WizardPage wizard, IcaApiPanelPage ica) = await OpenStepThreeAsync(page, "lab-kms-err");
        FakeIcaScenario before = app.Ica.Scenario;
        app.Ica.Scenario = before with { ValidationErrors = new Dictionary<string, string> { [FakeAwsScenario.DefaultBucketName] = message } };
        try
        {
            await ica.PasteAccessKeyAsync("ica-storage-pasted", "AKIAE2EPASTED0000001", PastedSecret);
            await ica.Plan.PlanAsync();
            await Expect(ica.Plan.Changes).ToHaveCountAsync(3);
            await ica.Plan.ApplyAsync(3);

            await Expect(ica.Root.GetByTestId("ica-validation-error")).ToContainTextAsync("kms:GenerateDataKey", new() { Timeout = 30_000 });
            await Expect(ica.Root.GetByTestId("ica-error-hint")).ToContainTextAsync("AWS denied kms:GenerateDataKey on the KMS key");
            await Expect(ica.Root.GetByTestId("ica-explained-iam-policy-live")).ToContainTextAsync("pass");
            await wizard.SaveScreenshotAsync("ica-3-validated-error");
            await AssertAccessibleAsync(ica);
        }
        finally
        {
            app.Ica.Scenario = before;
        }

        Assert.Equal(FakeIcaServer.DigestOf(PastedSecret), Assert.Single(app.Ica.Credentials, c => c.AccessKeyId == "AKIAE2EPASTED0000001").SecretDigest);
        await AssertNoSecretAnywhereAsync(page, FakeIcaServer.DigestOf(PastedSecret));
        Assert.DoesNotContain(PastedSecret, app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongKey_IsRefusedWithAMessage_AndNeverLogged()
    {
        const string wrongKey = "e2e-wrong-ica-key-0123456789";
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.FillAsync(FakeAwsScenario.DefaultBucketName, app.Aws.Scenario.DefaultKeyArn, "ica/");
        await wizard.NextAsync();
        await wizard.NextAsync();
        var ica = new IcaApiPanelPage(page);

        await ica.ApiKey.FillAsync(wrongKey);
        await ica.ConnectButton.ClickAsync();

        await Expect(ica.Root.GetByTestId("ica-connect-error")).ToContainTextAsync("did not accept the API key");
        await Expect(ica.ApiKey).ToHaveValueAsync(string.Empty);
        Assert.DoesNotContain(wrongKey, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, app.Output, StringComparison.Ordinal);
    }

    // Step 1 and 2 of the fake account's working setup (inspected, so live checks are on hand), then step 3 with ICA connected.
    private async Task<(WizardPage Wizard, IcaApiPanelPage Ica)> OpenStepThreeAsync(IPage page, string configurationName)
    {
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await new ConnectionPanel(page).ConnectAsync(FakeAwsScenario.DefaultAccessKeyId, AwsSecret, AwsToken);
        await wizard.Bucket.FillAsync(FakeAwsScenario.DefaultBucketName, app.Aws.Scenario.DefaultKeyArn, "ica/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
        await Expect(page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("pass");
        await wizard.NextAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "IAM user for ICA" }).FillAsync(FakeAwsScenario.DefaultIamUserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the live policy" }).ClickAsync();
        await Expect(page.GetByTestId("live-iam-policy-live")).ToContainTextAsync("pass");
        await wizard.NextAsync();
        await wizard.IcaConfiguration.ConfigurationName.FillAsync(configurationName);
        var ica = new IcaApiPanelPage(page);
        await ica.ConnectAsync(FakeIcaScenario.DefaultApiKey);
        await Expect(ica.Region).ToContainTextAsync("United States");
        return (wizard, ica);
    }

    // axe-core's WCAG A and AA rules on the ICA panel as it is now.
    private static async Task AssertAccessibleAsync(IcaApiPanelPage ica)
    {
        AxeResult axe = await ica.Root.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        Assert.Empty(axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"));
    }

    // The ICA key and the secret (known by its digest only, for a key IAM made) are in no page and no log line.
    private async Task AssertNoSecretAnywhereAsync(IPage page, string secretDigest)
    {
        string html = await page.ContentAsync();
        string logs = app.Output;
        Assert.DoesNotContain(FakeIcaScenario.DefaultApiKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeIcaScenario.DefaultApiKey, logs, StringComparison.Ordinal);
        foreach (string text in new[] { html, logs })
        {
            // Every stretch of secret-like characters, every window of a secret's length within it.
            Assert.DoesNotContain(SecretCandidate().Matches(text), m => Windows(m.Value).Any(w => Digest(w) == secretDigest));
        }
    }

    private static IEnumerable<string> Windows(string run)
    {
        foreach (int length in new[] { 40, PastedSecret.Length })
        {
            for (int start = 0; start + length <= run.Length; start++)
            {
                yield return run.Substring(start, length);
            }
        }
    }

    private static string Digest(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    // Any run of base64 characters long enough to be a secret access key (40) or a pasted test secret.
    [GeneratedRegex("[A-Za-z0-9+/]{30,}")]
    private static partial Regex SecretCandidate();
}
