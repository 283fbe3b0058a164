using System.Text.Json;
using IcaKms.Web.Services;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>
/// The setup wizard at "/": opening it once its Blazor circuit is interactive, the stepper's buttons,
/// "Start over", the snackbar, and one page object per step.
/// </summary>
public sealed class WizardPage : BasePage
{
    // Records the wizard's first interactive act: reading its kept inputs from localStorage (after the first render).
    private static readonly string ReadinessProbe = $$"""
        (() => {
            if (window.__icakmsE2E) { return; }
            const key = {{JsonSerializer.Serialize(WizardStorage.Key)}};
            const getItem = Storage.prototype.getItem;
            window.__icakmsE2E = { restoreRead: false, kept: null };
            Storage.prototype.getItem = function (k) {
                const value = getItem.call(this, k);
                if (k === key) {
                    window.__icakmsE2E.kept = value;
                    window.__icakmsE2E.restoreRead = true;
                }
                return value;
            };
        })();
        """;

    private bool _probeAdded;

    public WizardPage(IPage page, Uri baseUrl)
        : base(page, baseUrl)
    {
        Bucket = new BucketStepPage(page, baseUrl);
        IamPolicy = new IamPolicyStepPage(page, baseUrl);
        IcaConfiguration = new IcaConfigurationStepPage(page, baseUrl);
        CrossAccount = new CrossAccountStepPage(page, baseUrl);
        Review = new ReviewStepPage(page, baseUrl);
    }

    public override string PagePath => "/";

    public BucketStepPage Bucket { get; }

    public IamPolicyStepPage IamPolicy { get; }

    public IcaConfigurationStepPage IcaConfiguration { get; }

    public CrossAccountStepPage CrossAccount { get; }

    public ReviewStepPage Review { get; }

    public ILocator NextButton => Page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true });

    public ILocator PreviousButton => Page.GetByRole(AriaRole.Button, new() { Name = "Previous", Exact = true });

    public ILocator StartOverButton => Page.GetByRole(AriaRole.Button, new() { Name = "Start over", Exact = true });

    /// <summary>"Undo" on the snackbar that confirms "Start over".</summary>
    public ILocator UndoButton => Page.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true });

    /// <summary>The "Step 3 of 5 — ICA configuration" line shown on narrow screens instead of the step labels.</summary>
    public ILocator PhoneStepHeader => Page.GetByTestId("phone-step-header");

    /// <summary>A snackbar message containing <paramref name="text"/>.</summary>
    public ILocator Snackbar(string text) => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = text });

    /// <summary>Opens the wizard and waits until its circuit is interactive (typing earlier would be lost with the prerendered DOM).</summary>
    public async Task OpenAsync()
    {
        if (!_probeAdded)
        {
            await Page.AddInitScriptAsync(ReadinessProbe);
            _probeAdded = true;
        }

        await GotoAsync();
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Reloads the page and waits until the new circuit is interactive.</summary>
    public async Task ReloadAsync()
    {
        await Page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await WaitUntilInteractiveAsync();
    }

    /// <summary>What the wizard found in localStorage when this document's circuit started, or null.</summary>
    public Task<string?> KeptInputsReadAtStartAsync() => Page.EvaluateAsync<string?>("() => window.__icakmsE2E.kept");

    /// <summary>Waits until the wizard has saved inputs containing <paramref name="text"/> in localStorage.</summary>
    public async Task WaitUntilStoredAsync(string text) =>
        await Page.WaitForFunctionAsync(
            "([key, text]) => (window.localStorage.getItem(key) ?? '').includes(text)",
            new object[] { WizardStorage.Key, text });

    /// <summary>Waits until the wizard has kept <paramref name="stepIndex"/> (0 for the first step) as the step shown.</summary>
    public async Task WaitUntilStepStoredAsync(int stepIndex) =>
        await Page.WaitForFunctionAsync(
            "([key, step]) => window.localStorage.getItem(key) === step",
            new object[] { WizardStorage.StepKey, stepIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Waits until the wizard has removed its inputs from localStorage.</summary>
    public async Task WaitUntilStorageClearedAsync() =>
        await Page.WaitForFunctionAsync("key => window.localStorage.getItem(key) === null", WizardStorage.Key);

    public async Task NextAsync() => await NextButton.ClickAsync();

    public async Task PreviousAsync() => await PreviousButton.ClickAsync();

    /// <summary>Clicks "Start over" and waits for its confirmation.</summary>
    public async Task StartOverAsync()
    {
        await StartOverButton.ClickAsync();
        await Expect(Snackbar("Started over")).ToBeVisibleAsync();
    }

    private async Task WaitUntilInteractiveAsync() =>
        await Page.WaitForFunctionAsync("() => window.__icakmsE2E?.restoreRead === true");
}
