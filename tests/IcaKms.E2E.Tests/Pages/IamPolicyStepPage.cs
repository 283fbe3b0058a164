using IcaKms.Core.Policies;
using Microsoft.Playwright;
using IcaKms.Core.Setup;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>Step 2: the policy variant, the prefix scoping and the generated IAM policy.</summary>
public sealed class IamPolicyStepPage(IPage page, Uri baseUrl) : WizardStepPage(page, baseUrl)
{
    public override string Title => "IAM policy";

    protected override string HeadingText => "IAM policy";

    public ILocator UnversionedRadio => Page.GetByRole(AriaRole.Radio, new() { Name = "Unversioned bucket (versioning never enabled)", Exact = true });

    public ILocator VersionedRadio => Page.GetByRole(AriaRole.Radio, new() { Name = "Versioned or suspended bucket", Exact = true });

    /// <summary>"Limit object access to the prefix folder (…)": its name ends with the prefix.</summary>
    public ILocator ScopeToPrefixSwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "Limit object access to the prefix folder" });

    public DocumentPreviewPanel Policy => new(Page, SetupFileNames.IamPolicy);

    public async Task ChooseVariantAsync(PolicyVariant variant)
    {
        ILocator radio = variant == PolicyVariant.Versioned ? VersionedRadio : UnversionedRadio;
        await radio.CheckAsync();
        await Expect(radio).ToBeCheckedAsync();
    }

    public async Task SetScopeToPrefixAsync(bool on)
    {
        await ScopeToPrefixSwitch.SetCheckedAsync(on);
        await Expect(ScopeToPrefixSwitch).ToBeCheckedAsync(new() { Checked = on });
    }

    /// <summary>The box for checking an existing policy, inside the "Check a policy I already have" panel.</summary>
    public ILocator PastedPolicy => Page.Locator("textarea[data-testid=pasted-policy]");

    public ILocator PastedPolicySummary => Page.Locator("[data-testid=summary-pasted]");

    /// <summary>Opens "Check a policy I already have", pastes <paramref name="json"/> and waits for its summary.</summary>
    public async Task PastePolicyAsync(string json)
    {
        await Page.GetByText("Check a policy I already have", new() { Exact = true }).ClickAsync();
        await PastedPolicy.FillAsync(json);
        await Expect(PastedPolicySummary).ToBeVisibleAsync();
    }
}
