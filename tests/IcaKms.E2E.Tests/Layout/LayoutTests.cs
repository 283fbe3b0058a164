using System.Security.Cryptography;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.FakeAws;
using IcaKms.E2E.Tests.Pages;
using IcaKms.E2E.Tests.Wizard;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Layout;

/// <summary>Every step on a 390 × 844 phone and a 1280 × 800 laptop: screenshots, and nothing wider than the viewport.</summary>
[Collection(E2ECollection.Name)]
public sealed class LayoutTests(AppServer app, BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    // Lists every visible element whose right edge is beyond the viewport, and the document's own scroll width. An element
    // inside a box that clips it (overflow hidden or clip: visually hidden text, ripples) is not seen, so it is skipped; one
    // inside a box that scrolls (overflow auto or scroll) is reported, since the person would have to scroll to read it.
    private const string OverflowProbe = """
        () => {
            const width = window.innerWidth;
            const clipped = element => {
                for (let box = element.parentElement; box; box = box.parentElement) {
                    const overflow = getComputedStyle(box).overflowX;
                    if (overflow === 'hidden' || overflow === 'clip') {
                        return true;
                    }
                }
                return false;
            };
            const offenders = [];
            const scrollWidth = document.documentElement.scrollWidth;
            if (scrollWidth > width) {
                offenders.push(`document scrollWidth ${scrollWidth} > ${width}`);
            }
            for (const element of document.body.querySelectorAll('*')) {
                const box = element.getBoundingClientRect();
                if (box.width === 0 || box.height === 0 || box.right <= width + 0.5) {
                    continue;
                }
                const style = getComputedStyle(element);
                if (style.visibility === 'hidden' || style.display === 'none' || clipped(element)) {
                    continue;
                }
                const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/).slice(0, 3).join('.') : '';
                const text = (element.textContent || '').trim().slice(0, 40);
                offenders.push(`${element.tagName.toLowerCase()}${classes ? '.' + classes : ''} right=${Math.round(box.right)} "${text}"`);
            }
            return offenders;
        }
        """;

    [Fact]
    public async Task EveryStep_FitsThePhoneWidth_WithScreenshots() => await WalkAsync("phone", Phone, checkOverflow: true);

    [Fact]
    public async Task EveryStep_FitsTheLaptopWidth_WithScreenshots() => await WalkAsync("desktop", Laptop, checkOverflow: true);

    [Fact]
    public async Task NeedsAttentionMessage_DoesNotCoverTheFieldInError_AndGoesWhenFixed()
    {
        WalkthroughScenario scenario = WalkthroughScenario.Unversioned;
        IPage page = await browser.NewPageAsync(app.BaseUrl, Phone);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await wizard.Bucket.BucketName.FillAsync(scenario.BucketName);
        await wizard.Bucket.KeyPrefix.FillAsync(scenario.KeyPrefix);

        await wizard.NextAsync();

        ILocator message = wizard.Snackbar("Some fields need attention");
        await Expect(message).ToBeVisibleAsync();
        await Expect(wizard.Bucket.KeyArn).ToBeFocusedAsync();
        await Expect(wizard.Bucket.KeyArn).ToBeInViewportAsync();
        await wizard.SaveScreenshotAsync("phone-1-bucket-needs-attention");
        LocatorBoundingBoxResult field = await wizard.Bucket.FieldBox(wizard.Bucket.KeyArn).BoundingBoxAsync() ?? throw new InvalidOperationException("No key field.");
        LocatorBoundingBoxResult snackbar = await message.BoundingBoxAsync() ?? throw new InvalidOperationException("No message.");
        Assert.True(
            snackbar.Y >= field.Y + field.Height || snackbar.Y + snackbar.Height <= field.Y,
            $"The message ({snackbar.Y}..{snackbar.Y + snackbar.Height}) covers the key field ({field.Y}..{field.Y + field.Height}).");

        await wizard.Bucket.KeyArn.FillAsync(scenario.KeyArn);

        await Expect(message).ToHaveCountAsync(0);
    }

    // How far the first planned change's box starts inside its panel's content box, and the font size: an ordered list's
    // number is drawn to the left of its item, so with less room than about 1.5 em it sits at or past the panel's edge.
    private const string PlanNumberRoom = """
        () => {
            const item = document.querySelector('[data-testid=plan-key] ol.plan-list > li');
            const panel = item.closest('[data-testid=plan-key]');
            const room = item.getBoundingClientRect().left - (panel.getBoundingClientRect().left + parseFloat(getComputedStyle(panel).paddingLeft));
            return [room, parseFloat(getComputedStyle(item).fontSize), getComputedStyle(item.parentElement).listStyleType === 'decimal' ? 1 : 0];
        }
        """;

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task PlanList_NumbersSitInsideThePanel(int width, int height)
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl, new ViewportSize { Width = width, Height = height });
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await new ConnectionPanel(page).ConnectAsync(FakeAwsScenario.DefaultAccessKeyId, "E2eLayoutSecretValue/0123456789", "E2eLayoutTokenValue0123456789");
        await wizard.Bucket.BucketName.FillAsync($"lab-e2e-layout-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        await wizard.Bucket.KeyPrefix.FillAsync("ica/");

        var key = new PlanPanelPage(page, "key");
        await key.PlanAsync();
        await Expect(key.Changes).ToHaveCountAsync(1);
        await key.Changes.First.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot($"plan-list-{width}"), FullPage = false });

        double[] measured = await page.EvaluateAsync<double[]>(PlanNumberRoom);
        Assert.Equal(1, measured[2]);
        Assert.True(measured[0] >= 1.5 * measured[1], $"At {width} px the plan's numbers have {measured[0]} px inside the panel, less than 1.5 em ({1.5 * measured[1]} px).");
    }

    private static async Task AssertNoHorizontalOverflowAsync(IPage page, string where)
    {
        string[] offenders = await page.EvaluateAsync<string[]>(OverflowProbe);
        Assert.True(offenders.Length == 0, $"Wider than the viewport on {where}:{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }

    private async Task WalkAsync(string size, ViewportSize viewport, bool checkOverflow)
    {
        WalkthroughScenario scenario = WalkthroughScenario.Unversioned;
        IPage page = await browser.NewPageAsync(app.BaseUrl, viewport);
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();

        async Task CaptureAsync(string step)
        {
            // From the top: a full-page shot taken scrolled down paints the fixed app bar mid-page.
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await wizard.SaveScreenshotAsync($"{size}-{step}");
            if (checkOverflow)
            {
                await AssertNoHorizontalOverflowAsync(page, $"{size} {step}");
            }
        }

        await wizard.Bucket.ExpectActiveAsync();
        if (viewport.Width <= 600)
        {
            await Expect(wizard.PhoneStepHeader).ToHaveTextAsync("Step 1 of 5 — Bucket");
        }
        else
        {
            await Expect(wizard.PhoneStepHeader).ToBeHiddenAsync();
        }

        await wizard.Bucket.SelectRegionAsync(scenario.Region.DisplayName);
        await wizard.Bucket.FillAsync(scenario.BucketName, scenario.KeyArn, scenario.KeyPrefix);
        await CaptureAsync("1-bucket");
        await wizard.NextAsync();

        await wizard.IamPolicy.ExpectActiveAsync();
        await wizard.IamPolicy.ChooseVariantAsync(scenario.Variant);
        await wizard.IamPolicy.PastePolicyAsync(scenario.ExpectedIamPolicy);
        await CaptureAsync("2-iam-policy");
        await Expect(wizard.IamPolicy.PastedPolicySummary).ToBeVisibleAsync();
        await wizard.NextAsync();

        await wizard.IcaConfiguration.ExpectActiveAsync();
        if (viewport.Width <= 600)
        {
            await Expect(wizard.PhoneStepHeader).ToHaveTextAsync("Step 3 of 5 — ICA configuration");
            await Expect(wizard.PhoneStepHeader).ToBeInViewportAsync();
        }

        await wizard.IcaConfiguration.FillAsync(scenario.ConfigurationName, scenario.Description);
        await CaptureAsync("3-ica-configuration");
        await wizard.NextAsync();

        await wizard.CrossAccount.ExpectActiveAsync();
        await wizard.CrossAccount.SetCrossAccountCopyAsync(scenario.CrossAccountCopy);
        await Expect(wizard.CrossAccount.RoleArn).ToHaveValueAsync(scenario.SuggestedRoleArn);
        await CaptureAsync("4-cross-account");
        await wizard.NextAsync();

        await wizard.Review.ExpectActiveAsync();
        await CaptureAsync("5-review");
    }
}
