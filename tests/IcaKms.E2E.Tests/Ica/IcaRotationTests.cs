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
/// The whole access-key rotation of step 3 in a real browser against the loopback fake AWS and fake ICA (an app of its
/// own, so its IAM user's two keys are not shared): plan, rotate (new key straight to ICA, validated OK), retire the old
/// key, delete it; axe's WCAG rules pass on the panel. The new key's secret is in no page and no log line.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class IcaRotationTests(RotationApp rotation, BrowserFixture browser) : IClassFixture<RotationApp>
{
    private const string AwsSecret = "E2eIcaAwsSecretValue/0123456789";
    private const string AwsToken = "E2eIcaAwsTokenValue0123456789";
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private AppServer App => rotation.App;

    [Fact]
    public async Task Rotation_FromAWorkingSetup_EndsOnTheNewKeyValidatedWithTheOldKeyRetiredThenDeleted()
    {
        string oldKey = App.Aws.AddAccessKey(RotationApp.User);
        FakeIcaCredential credential = App.Ica.AddCredential("ica-rotate-credential", oldKey);
        App.Ica.AddConfiguration("lab-rotate", credential.Id, FakeIcaScenario.UsRegionId, FakeAwsScenario.DefaultBucketName, "ica/", App.Aws.Scenario.DefaultKeyArn);
        IPage page = await browser.NewPageAsync(App.BaseUrl);
        await using IBrowserContext context = page.Context;
        WizardPage wizard = await OpenStepThreeAsync(page, "lab-rotate", RotationApp.User);
        ILocator panel = page.GetByTestId("ica-rotation");

        await panel.GetByText("ica-rotate-credential").ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Plan the rotation" }).ClickAsync();
        await Expect(panel.GetByTestId("rotation-step")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Expect(panel.GetByTestId("rotation-step").Nth(1)).ToContainTextAsync($"in place of {oldKey}");
        await panel.ScrollIntoViewIfNeededAsync();
        await wizard.SaveScreenshotAsync("ica-4-rotation-plan");
        await AssertAccessibleAsync(panel);

        await panel.GetByRole(AriaRole.Button, new() { Name = "Rotate…" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Confirm and rotate" }).ClickAsync();
        await Expect(page.GetByTestId("ica-validation-ok")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(panel.GetByTestId("rotation-state")).ToContainTextAsync("stays active until you retire it", Slow);
        string newKey = Assert.Single(App.Aws.AccessKeysOf(RotationApp.User), k => k != oldKey);
        await Expect(panel.GetByTestId("rotation-state")).ToContainTextAsync($"the new key {newKey}");
        FakeIcaCredential held = Assert.Single(App.Ica.Credentials, c => c.Id == credential.Id);
        Assert.Equal((newKey, App.Aws.AccessKeySecretDigest(newKey)), (held.AccessKeyId, held.SecretDigest));

        await panel.GetByRole(AriaRole.Button, new() { Name = "Retire old key" }).ClickAsync();
        // Retiring validates again without the old key; only an OK keeps it inactive.
        await Expect(panel.GetByTestId("rotation-state")).ToContainTextAsync($"The old key {oldKey} is inactive: delete it once nothing complained", Slow);
        await Expect(page.GetByTestId("ica-validation-ok")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(panel.GetByTestId("rotation-retire-outcome")).ToHaveCountAsync(0);
        Assert.Equal("Inactive", App.Aws.AccessKeyStatus(oldKey));
        await panel.GetByRole(AriaRole.Button, new() { Name = "Delete old key…" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Confirm and delete" }).ClickAsync();
        await Expect(panel.GetByTestId("rotation-state")).ToContainTextAsync($"The old key {oldKey} is deleted.", Slow);
        await panel.ScrollIntoViewIfNeededAsync();
        await wizard.SaveScreenshotAsync("ica-5-rotation-done");
        await AssertAccessibleAsync(panel);

        Assert.Equal([newKey], App.Aws.AccessKeysOf(RotationApp.User));
        Assert.Equal("OK", Assert.Single(App.Ica.Configurations, c => c.Name == "lab-rotate").Status);
        await AssertNoSecretAnywhereAsync(page, App.Aws.AccessKeySecretDigest(newKey)!);
    }

    [Fact]
    public async Task RollBack_ValidationOnTheNewKeyEndsInError_PastedOldSecretGivesIcaTheOldKeyBack()
    {
        const string oldSecret = "E2eOldSecretOfTheIcaUser/0123456789abcdef";
        string oldKey = App.Aws.AddAccessKey(RotationApp.RollbackUser);
        FakeIcaCredential credential = App.Ica.AddCredential("ica-rollback-credential", oldKey);
        App.Ica.AddConfiguration("lab-rollback", credential.Id, FakeIcaScenario.UsRegionId, FakeAwsScenario.DefaultBucketName, "ica/", App.Aws.Scenario.DefaultKeyArn);
        IPage page = await browser.NewPageAsync(App.BaseUrl);
        await using IBrowserContext context = page.Context;
        WizardPage wizard = await OpenStepThreeAsync(page, "lab-rollback", RotationApp.RollbackUser);
        ILocator panel = page.GetByTestId("ica-rotation");
        App.Ica.AwsRefusesKey = key => key != oldKey;
        try
        {
            await panel.GetByText("ica-rollback-credential").ClickAsync();
            await panel.GetByRole(AriaRole.Button, new() { Name = "Plan the rotation" }).ClickAsync();
            await Expect(panel.GetByTestId("rotation-step")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
            await panel.GetByRole(AriaRole.Button, new() { Name = "Rotate…" }).ClickAsync();
            await panel.GetByRole(AriaRole.Button, new() { Name = "Confirm and rotate" }).ClickAsync();

            await Expect(panel.GetByTestId("rotation-rollback")).ToContainTextAsync("reads ERROR", Slow);
            await Expect(panel.GetByTestId("rotation-rollback")).ToContainTextAsync(FakeIcaServer.KeyRefusedMessage);
            await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Retire old key" })).ToHaveCountAsync(0);
            await Expect(panel.GetByTestId("rotation-held-key")).ToHaveCountAsync(0);
            string newKey = Assert.Single(App.Aws.AccessKeysOf(RotationApp.RollbackUser), k => k != oldKey);
            await panel.ScrollIntoViewIfNeededAsync();
            await wizard.SaveScreenshotAsync("ica-6-rotation-rollback-offer");
            await AssertAccessibleAsync(panel);
            await panel.GetByLabel("Its secret access key", new() { Exact = true }).FillAsync(oldSecret);
            await panel.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();

            await Expect(panel.GetByTestId("rotation-state")).ToContainTextAsync($"Rolled back: ICA holds the old key {oldKey} again", Slow);
            FakeIcaCredential held = Assert.Single(App.Ica.Credentials, c => c.Id == credential.Id);
            Assert.Equal((oldKey, FakeIcaServer.DigestOf(oldSecret)), (held.AccessKeyId, held.SecretDigest));
            Assert.Equal([oldKey], App.Aws.AccessKeysOf(RotationApp.RollbackUser));
            Assert.Equal("Active", App.Aws.AccessKeyStatus(oldKey));
            string html = await page.ContentAsync();
            Assert.DoesNotContain(oldSecret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(oldSecret, App.Output, StringComparison.Ordinal);
            Assert.Null(App.Aws.AccessKeySecretDigest(newKey));
        }
        finally
        {
            App.Ica.AwsRefusesKey = null;
        }
    }

    // Steps 1 and 2 of the fake account's working setup with the rotation's IAM user, then step 3 with ICA connected.
    private async Task<WizardPage> OpenStepThreeAsync(IPage page, string configurationName, string user) =>
        (await IcaStepThree.OpenAsync(page, App, configurationName, user, AwsSecret, AwsToken)).Wizard;

    // axe-core's WCAG A and AA rules on the rotation panel as it is now.
    private static async Task AssertAccessibleAsync(ILocator panel)
    {
        AxeResult axe = await panel.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        Assert.Empty(axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"));
    }

    // The ICA key, the AWS session's secret and the new key's secret (known by its digest only) are in no page and no log line.
    private async Task AssertNoSecretAnywhereAsync(IPage page, string secretDigest)
    {
        string html = await page.ContentAsync();
        foreach (string text in new[] { html, App.Output })
        {
            Assert.DoesNotContain(FakeIcaScenario.DefaultApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(AwsSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretCandidate().Matches(text), m => Windows(m.Value).Any(w => Digest(w) == secretDigest));
        }
    }

    // Every window of a secret access key's length (40) within a run of secret-like characters.
    private static IEnumerable<string> Windows(string run)
    {
        for (int start = 0; start + 40 <= run.Length; start++)
        {
            yield return run.Substring(start, 40);
        }
    }

    private static string Digest(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [GeneratedRegex("[A-Za-z0-9+/=]{40,}")]
    private static partial Regex SecretCandidate();
}

/// <summary>An app of its own for the rotation walk: its own fake AWS with an IAM user holding the working policy, and its own fake ICA.</summary>
// No wait for IAM after a deactivation in the walk: Core's IamPropagationTests hold the wait, on a fake clock.
public sealed class RotationApp() : OwnIcaApp([User, RollbackUser], new Dictionary<string, string> { ["IcaKms__IamPropagationWait"] = "00:00:00" })
{
    /// <summary>The IAM user whose key is rotated.</summary>
    public const string User = "ica-rotate";

    /// <summary>The IAM user whose rotation is rolled back (IAM's two keys are not shared between the tests).</summary>
    public const string RollbackUser = "ica-rotate-back";
}
