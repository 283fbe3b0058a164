using Microsoft.Playwright;
using IcaKms.Core.Setup;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>Step 4 (optional): cross-account copy, ICA's role and the key-policy statement for it.</summary>
public sealed class CrossAccountStepPage(IPage page, Uri baseUrl) : WizardStepPage(page, baseUrl)
{
    public override string Title => "Cross-account copy";

    protected override string HeadingText => "Cross-account copy (optional)";

    public ILocator UseCrossAccountCopySwitch => Page.GetByRole(AriaRole.Switch, new() { Name = "I will use cross-account copy with this bucket", Exact = true });

    public ILocator RoleArn => Page.GetByRole(AriaRole.Textbox, new() { Name = "ICA cross-account role ARN" });

    /// <summary>The note shown instead of the statement when cross-account copy is off.</summary>
    public ILocator OffNote => Page.GetByText("Cross-account copy is off: nothing to add to the key policy.");

    public DocumentPreviewPanel KeyPolicyStatement => new(Page, SetupFileNames.KeyPolicyStatement);

    public async Task SetCrossAccountCopyAsync(bool on)
    {
        await UseCrossAccountCopySwitch.SetCheckedAsync(on);
        await Expect(UseCrossAccountCopySwitch).ToBeCheckedAsync(new() { Checked = on });
    }
}
