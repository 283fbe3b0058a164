using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.FakeAws;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Accessibility;

/// <summary>
/// axe-core's WCAG 2.0/2.1/2.2 A and AA rules, plus its landmark rules, on every state the wizard can show:
/// each test walks one path, scans each state on the way, and fails listing every violation of every state.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AxeTests(AppServer app, BrowserFixture browser)
{
    private const string Secret = "E2eSecretAccessKeyValue/NeverLogged+0123456789";
    private const string Token = "E2eSessionTokenValueThatMustNeverAppearAnywhere0123456789";

    // The WCAG rules, and the two best-practice rules behind "content outside landmarks" and "no main landmark".
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
    };

    private static readonly AxeRunOptions LandmarkOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "rule", Values = ["region", "landmark-one-main", "bypass"] },
    };

    private readonly List<(string State, AxeResultItem Violation)> _violations = [];

    private FakeAwsScenario Scenario => app.Aws.Scenario;

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Wizard_HasNoAxeViolations_OfflineThroughCompletion(int width, int height)
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl, new ViewportSize { Width = width, Height = height });
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await ScanAsync(page, "step1-empty");

        await wizard.NextAsync();
        await Expect(wizard.Snackbar("Some fields need attention")).ToBeVisibleAsync();
        await ScanAsync(page, "step1-errors");

        await wizard.Bucket.FillAsync(Scenario.BucketName, Scenario.DefaultKeyArn, "ica/");
        await ScanAsync(page, "step1-filled");

        await wizard.NextAsync();
        await wizard.IamPolicy.ExpectActiveAsync();
        await ScanAsync(page, "step2");

        await wizard.NextAsync();
        await wizard.IcaConfiguration.ExpectActiveAsync();
        await wizard.IcaConfiguration.FillAsync("lab-kms", "Sequencing runs");
        await ScanAsync(page, "step3");

        await wizard.NextAsync();
        await wizard.CrossAccount.ExpectActiveAsync();
        await wizard.CrossAccount.SetCrossAccountCopyAsync(true);
        await ScanAsync(page, "step4-cross-account");

        await wizard.NextAsync();
        await wizard.Review.ExpectActiveAsync();
        await ScanAsync(page, "review-offline");

        await page.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
        await Expect(page.GetByText("All steps done.")).ToBeVisibleAsync();
        await ScanAsync(page, "completed");

        AssertNoViolations();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Wizard_HasNoAxeViolations_ConnectedWithLiveFindings(int width, int height)
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl, new ViewportSize { Width = width, Height = height });
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        var panel = new ConnectionPanel(page);
        await panel.ConnectAsync(FakeAwsScenario.DefaultAccessKeyId, Secret, Token);
        await wizard.Bucket.FillAsync(Scenario.BucketName, Scenario.DefaultKeyArn, "ica/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
        await Expect(page.GetByTestId("live-bucket-encryption")).ToContainTextAsync("pass");
        await ScanAsync(page, "connected-live-findings");

        await wizard.NextAsync();
        await wizard.NextAsync();
        await wizard.IcaConfiguration.ConfigurationName.FillAsync("lab-kms");
        await wizard.NextAsync();
        await wizard.NextAsync();
        await wizard.Review.ExpectActiveAsync();
        await Expect(page.GetByTestId("check-bucket-encryption")).ToContainTextAsync("pass");
        await ScanAsync(page, "review-connected");

        AssertNoViolations();
    }

    private async Task ScanAsync(IPage page, string state)
    {
        // A snackbar fading in or out is half transparent for a moment: scan the settled page, not the fade.
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
                .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
                .map(a => a.finished.catch(() => null)))
            """);
        AxeResult wcag = await page.RunAxe(Options);
        AxeResult landmarks = await page.RunAxe(LandmarkOptions);
        _violations.AddRange(wcag.Violations.Concat(landmarks.Violations).Select(v => (state, v)));
        int width = page.ViewportSize?.Width ?? 0;
        await new WizardPage(page, app.BaseUrl).SaveScreenshotAsync(width <= 600 ? $"axe-phone-{state}" : $"axe-{state}");
    }

    private void AssertNoViolations()
    {
        if (_violations.Count == 0)
        {
            return;
        }

        var report = new StringBuilder();
        foreach (IGrouping<string, (string State, AxeResultItem Violation)> state in _violations.GroupBy(v => v.State))
        {
            string counts = string.Join(", ", state.GroupBy(v => v.Violation.Impact)
                .Select(g => $"{g.Key}: {g.Sum(v => v.Violation.Nodes.Length)}"));
            report.AppendLine(CultureInfo.InvariantCulture, $"== {state.Key} ({counts} nodes)");
            foreach ((_, AxeResultItem violation) in state)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {violation.Id} [{violation.Impact}] {violation.Help}");
                foreach (AxeResultNode node in violation.Nodes)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"    {node.Target} {node.Any.Concat(node.All).Concat(node.None).FirstOrDefault()?.Message}");
                }
            }
        }

        Assert.Fail($"axe found violations:{Environment.NewLine}{report}");
    }
}
