using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>One step of the setup wizard: its stepper tab, its heading, and the check that it is the active step.</summary>
public abstract class WizardStepPage(IPage page, Uri baseUrl) : BasePage(page, baseUrl)
{
    /// <summary>Every step lives on the wizard's page.</summary>
    public override string PagePath => "/";

    /// <summary>The step's title in the stepper, e.g. "Bucket".</summary>
    public abstract string Title { get; }

    /// <summary>The text of the step's level-2 heading, e.g. "Bucket and KMS key".</summary>
    protected abstract string HeadingText { get; }

    /// <summary>The step's tab in the stepper (its name also holds the step number and secondary text).</summary>
    public ILocator Tab => Page.GetByRole(AriaRole.Tab).Filter(new() { Has = Page.GetByText(Title, new() { Exact = true }) });

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = HeadingText, Exact = true, Level = 2 });

    /// <summary>
    /// The box around a text field: its label, the input, and its helper or error text. Found through
    /// MudBlazor's markup because the error text is not linked to the input (no aria-describedby while in error).
    /// </summary>
    public ILocator FieldBox(ILocator field) => Page.Locator(".mud-input-control").Filter(new() { Has = field });

    /// <summary>Waits until this step is the one shown: its tab selected and its content visible.</summary>
    public async Task ExpectActiveAsync()
    {
        await Expect(Tab).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Heading).ToBeVisibleAsync();
    }
}
