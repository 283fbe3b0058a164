using System.Security.Cryptography;
using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Aws;
using Microsoft.Extensions.DependencyInjection;
using IcaKms.FakeAws;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters;

namespace IcaKms.E2E.Tests.Live;

/// <summary>
/// Plan → confirm → apply → verify in a real browser against the loopback fake AWS, whose state the writes change:
/// from nothing (a new key, bucket, user and policy, with names no other test uses) to a setup every check passes,
/// and a second run that plans nothing.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ApplyTests(AppServer app, BrowserFixture browser)
{
    private const string Secret = "E2eApplySecretValue/0123456789";
    private const string Token = "E2eApplyTokenValue0123456789";

    [Fact]
    public async Task FromNothing_TheWizardCreatesAWorkingSetup_AndASecondRunPlansNothing()
    {
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        string bucket = $"lab-e2e-apply-{suffix}";
        string user = $"ica-e2e-{suffix}";
        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        await wizard.Bucket.BucketName.FillAsync(bucket);
        await wizard.Bucket.KeyPrefix.FillAsync("ica/");

        // Step 1: a new key, whose ARN then fills the key field.
        var key = new PlanPanelPage(page, "key");
        await key.PlanAsync();
        await Expect(key.Changes).ToHaveCountAsync(1);
        await Expect(key.Changes.First).ToContainTextAsync($"alias/ica-{bucket}");
        await key.ApplyAsync(1);
        await Expect(wizard.Bucket.KeyArn).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^arn:aws:kms:us-east-1:\\d{12}:key/"));

        // Step 1: the bucket, with its settings and folder, then the verification write.
        var bucketPlan = new PlanPanelPage(page, "bucket");
        await bucketPlan.PlanAsync();
        await Expect(bucketPlan.Changes).ToHaveCountAsync(5);
        await Expect(bucketPlan.Changes.Nth(1)).ToContainTextAsync("KMSMasterKeyID");
        await wizard.SaveScreenshotAsync("apply-1-bucket-plan");
        await bucketPlan.ApplyAsync(5);
        await Expect(bucketPlan.AppliedChanges.Filter(new() { HasText = "— done" })).ToHaveCountAsync(5);
        await Expect(bucketPlan.Root.GetByTestId("verification")).ToContainTextAsync("stored with SSE-KMS", new() { Timeout = 20_000 });
        await Expect(bucketPlan.NothingToChange).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("pass");
        await wizard.SaveScreenshotAsync("apply-2-bucket-applied");

        // Step 2: ICA's IAM user, the policy and its attachment.
        await wizard.NextAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "IAM user for ICA" }).FillAsync(user);
        await wizard.WaitUntilStoredAsync(user);
        var iam = new PlanPanelPage(page, "iam");
        await iam.PlanAsync();
        await Expect(iam.Changes).ToHaveCountAsync(3);
        await iam.ApplyAsync(3);
        await Expect(iam.NothingToChange).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("live-iam-policy-live")).ToContainTextAsync("pass");

        // Step 4: the cross-account statement merged into the key policy, with the way back.
        await wizard.NextAsync();
        await wizard.IcaConfiguration.ConfigurationName.FillAsync("lab-kms");
        await wizard.NextAsync();
        await page.GetByRole(AriaRole.Switch, new() { Name = "I will use cross-account copy with this bucket" }).CheckAsync();
        var keyPolicy = new PlanPanelPage(page, "keypolicy");
        await keyPolicy.PlanAsync();
        await Expect(keyPolicy.Changes).ToHaveCountAsync(1);
        await Expect(keyPolicy.Changes.First.Locator(".diff-added").First).ToBeVisibleAsync();
        await wizard.SaveScreenshotAsync("apply-4-key-policy-plan");
        await keyPolicy.ApplyAsync(1);
        await Expect(keyPolicy.NothingToChange).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(keyPolicy.Root.GetByRole(AriaRole.Button, new() { Name = "Restore the previous key policy…" })).ToBeVisibleAsync();

        // The review: every live check of the new setup passes.
        await wizard.NextAsync();
        foreach (string id in new[] { "bucket-encryption", "bucket-key", "prefix-folder", "key-manager", "iam-policy-live", "key-policy-cross-account" })
        {
            await Expect(page.GetByTestId($"check-{id}")).ToContainTextAsync("pass", new() { Timeout = 20_000 });
        }

        await Expect(page.GetByTestId("review-history")).ToContainTextAsync($"Create the bucket {bucket} in us-east-1");
        await Expect(page.GetByTestId("review-history")).ToContainTextAsync("to the key policy of");
        await wizard.SaveScreenshotAsync("apply-5-review");
        Assert.DoesNotContain(Secret, app.Output, StringComparison.Ordinal);
        Assert.Contains("IcaKms change Done: kms:PutKeyPolicy", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenBucket_IsFixedFindingByFinding_KeepingWhatWasThere()
    {
        string bucket = $"lab-e2e-broken-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        IAwsGatewayFactory factory = new ServiceCollection().AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = app.Aws.Url }).BuildServiceProvider().GetRequiredService<IAwsGatewayFactory>();
        var admin = new AwsSession(AwsSessionSource.Pasted, new SessionAWSCredentials(FakeAwsScenario.DefaultAccessKeyId, Secret, Token),
            new CallerIdentity(app.Aws.Scenario.AccountId, app.Aws.Scenario.DefaultCallerArn, "AROAEXAMPLE:admin"), null);
        // A bucket as S3 creates it today: SSE-S3 (AES256) by default, SSE-C blocked, and no prefix folder.
        Assert.True((await factory.Create(admin, "us-east-1").S3.CreateBucketAsync(bucket, "us-east-1")).Succeeded);

        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        WizardPage wizard = tab.Wizard;
        await wizard.Bucket.FillAsync(bucket, app.Aws.Scenario.DefaultKeyArn, "ica/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
        await Expect(page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("fail");
        await Expect(page.GetByTestId("live-prefix-folder")).ToContainTextAsync("warning");

        var plan = new PlanPanelPage(page, "bucket");
        await plan.PlanAsync();
        await Expect(plan.Changes).ToHaveCountAsync(2);
        await Expect(plan.Changes.First.Locator(".diff-removed").Filter(new() { HasText = "AES256" })).ToHaveCountAsync(1);
        await Expect(plan.Changes.First.Locator(".diff-same").Filter(new() { HasText = "SSE-C" })).ToHaveCountAsync(1);
        await plan.ApplyAsync(2);

        await Expect(page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("pass", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("live-prefix-folder")).ToContainTextAsync("pass");
        await Expect(plan.NothingToChange).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Equal(["SSE-C"], app.Aws.Bucket(bucket)!.Encryption!.BlockedEncryptionTypes);
    }
}
