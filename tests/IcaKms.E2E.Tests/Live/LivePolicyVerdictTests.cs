using System.Security.Cryptography;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using IcaKms.FakeAws;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Live;

/// <summary>
/// Issue 17's verdicts in a real browser against the loopback fake AWS: a key-policy Deny through NotPrincipal, a KMS
/// grant, and a bucket policy that refuses writes without the SSE-KMS header. Each test makes its own key or bucket
/// (names no other test uses) through the fake's AWS API, which stores policies and grants but enforces neither: the
/// page's verdicts come from Core's evaluator.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class LivePolicyVerdictTests(AppServer app, BrowserFixture browser)
{
    private const string Secret = "E2eVerdictSecretValue/0123456789";
    private const string Token = "E2eVerdictTokenValueThatMustNeverAppearAnywhere0123456789";

    private FakeAwsScenario Scenario => app.Aws.Scenario;

    private string Root => $"arn:aws:iam::{Scenario.AccountId}:root";

    private string AdminRole => $"arn:aws:iam::{Scenario.AccountId}:role/IcaKmsAdmin";

    private string IcaUser => $"arn:aws:iam::{Scenario.AccountId}:user/{FakeAwsScenario.DefaultIamUserName}";

    [Fact]
    public async Task KeyPolicyIam_Fails_WhenADenyWithNotPrincipalSparesOnlyTheKeyAdmins()
    {
        string keyArn = await CreateKeyAsync($$"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    { "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": { "AWS": "{{Root}}" }, "Action": "kms:*", "Resource": "*" },
                    { "Sid": "DenyAllButKeyAdmins", "Effect": "Deny", "NotPrincipal": { "AWS": ["{{Root}}", "{{AdminRole}}"] }, "Action": "kms:*", "Resource": "*" }
                ]
            }
            """);

        WizardTab tab = await InspectKeyForIcaUserAsync(keyArn);
        await using (tab)
        {
            ILocator check = tab.Page.GetByTestId("live-key-policy-iam");
            await Expect(check).ToContainTextAsync("fail");
            await Expect(check).ToContainTextAsync("DenyAllButKeyAdmins");
            await Expect(check).ToContainTextAsync(IcaUser);
            await tab.Wizard.SaveScreenshotAsync("live-verdict-notprincipal-deny");
        }
    }

    [Fact]
    public async Task KeyPolicyIam_Passes_WhenAGrantGivesIcasUserWhatTheKeyPolicyDoesNot()
    {
        // No statement for the account root: IAM policies grant nothing on this key; only the admin role is named.
        string keyArn = await CreateKeyAsync($$"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    { "Sid": "KeyAdmins", "Effect": "Allow", "Principal": { "AWS": "{{AdminRole}}" }, "Action": "kms:*", "Resource": "*" }
                ]
            }
            """);
        using AmazonKeyManagementServiceClient kms = KmsClient();
        CreateGrantResponse grant = await kms.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = keyArn,
            GranteePrincipal = IcaUser,
            Operations = ["Encrypt", "Decrypt", "GenerateDataKey"],
            Name = "ica-storage-grant",
        });

        WizardTab tab = await InspectKeyForIcaUserAsync(keyArn);
        await using (tab)
        {
            ILocator check = tab.Page.GetByTestId("live-key-policy-iam");
            await Expect(check).ToContainTextAsync("pass");
            await Expect(check).ToContainTextAsync($"grant {grant.GrantId}");
            await tab.Wizard.SaveScreenshotAsync("live-verdict-grant");
        }
    }

    [Fact]
    public async Task BucketPolicy_NamesTheStatement_WhenItDeniesWritesWithoutTheSseKmsHeader()
    {
        string bucket = $"lab-e2e-policy-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        using AmazonS3Client s3 = S3Client();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, UseClientRegion = true });
        await s3.PutBucketPolicyAsync(bucket, $$"""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "DenyUnencryptedWrites",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:PutObject",
                        "Resource": "arn:aws:s3:::{{bucket}}/*",
                        "Condition": { "StringNotEquals": { "s3:x-amz-server-side-encryption": "aws:kms" } }
                    }
                ]
            }
            """);

        await using WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        await tab.Wizard.Bucket.FillAsync(bucket, Scenario.DefaultKeyArn, "ica/");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();

        ILocator check = tab.Page.GetByTestId("live-bucket-policy");
        // ICA's user is not denied (ICA sends the SSE-KMS headers); the header-less write refusal is named, not hidden.
        await Expect(check).ToContainTextAsync("pass");
        await Expect(check).ToContainTextAsync("Statement 'DenyUnencryptedWrites' of the bucket policy refuses writes without the SSE-KMS header");
        await tab.Wizard.SaveScreenshotAsync("live-verdict-bucket-policy");
        Assert.Contains(app.Aws.Requests, r => r.Operation == "s3:GetBucketPolicy" && r.StatusCode == 200);
    }

    /// <summary>Opens a connected wizard, inspects the default bucket with <paramref name="keyArn"/>, and checks ICA's user's live policy in step 2.</summary>
    private async Task<WizardTab> InspectKeyForIcaUserAsync(string keyArn)
    {
        WizardTab tab = await WizardTab.OpenConnectedAsync(browser, app.BaseUrl, Secret, Token);
        IPage page = tab.Page;
        await tab.Wizard.Bucket.FillAsync(Scenario.BucketName, keyArn, "ica/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
        await Expect(page.GetByTestId("live-key-resolves")).ToContainTextAsync("pass");

        await tab.Wizard.NextAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "IAM user for ICA" }).FillAsync(FakeAwsScenario.DefaultIamUserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the live policy" }).ClickAsync();
        await Expect(page.GetByTestId("live-iam-policy-live")).ToBeVisibleAsync();
        return tab;
    }

    /// <summary>Creates a key in the fake account with <paramref name="policy"/> (the caller's role keeps kms:PutKeyPolicy, so no lockout).</summary>
    private async Task<string> CreateKeyAsync(string policy)
    {
        using AmazonKeyManagementServiceClient kms = KmsClient();
        CreateKeyResponse created = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "IcaKms E2E verdict key", Policy = policy });
        return created.KeyMetadata.Arn;
    }

    private SessionAWSCredentials Credentials => new(FakeAwsScenario.DefaultAccessKeyId, Secret, Token);

    private AmazonKeyManagementServiceClient KmsClient() =>
        new(Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = app.Aws.Url.AbsoluteUri, AuthenticationRegion = Scenario.Region });

    private AmazonS3Client S3Client() =>
        new(Credentials, new AmazonS3Config { ServiceURL = app.Aws.Url.AbsoluteUri, AuthenticationRegion = Scenario.Region, ForcePathStyle = true });
}
