using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>Step 5: every check in one list, the zip with every document, and the setup as Terraform and CloudFormation.</summary>
public sealed class ReviewStepPage(IPage page, Uri baseUrl) : WizardStepPage(page, baseUrl)
{
    public override string Title => "Review";

    protected override string HeadingText => "Review";

    public ILocator DownloadAllButton => Page.GetByRole(AriaRole.Button, new() { Name = "Download all (zip)", Exact = true });

    /// <summary>
    /// The check with Core's review id (<c>SetupCheck.Id</c>, e.g. "key-arn"); its text reads "Title — pass".
    /// By test id: the items' role (option, from MudList) is MudBlazor's detail, the id is Core's.
    /// </summary>
    public ILocator Check(string id) => Page.GetByTestId($"check-{id}");

    public ILocator TerraformButton => Page.GetByRole(AriaRole.Button, new() { Name = "Terraform (zip)", Exact = true });

    public ILocator CloudFormationButton => Page.GetByRole(AriaRole.Button, new() { Name = "CloudFormation (zip)", Exact = true });

    /// <summary>Clicks "Download all (zip)" and returns the zip.</summary>
    public Task<DownloadedFile> DownloadAllAsync() => DownloadedFile.CaptureAsync(Page, DownloadAllButton);

    /// <summary>Clicks "Terraform (zip)" and returns the zip.</summary>
    public Task<DownloadedFile> DownloadTerraformAsync() => DownloadedFile.CaptureAsync(Page, TerraformButton);

    /// <summary>Clicks "CloudFormation (zip)" and returns the zip.</summary>
    public Task<DownloadedFile> DownloadCloudFormationAsync() => DownloadedFile.CaptureAsync(Page, CloudFormationButton);
}
