using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Pages;

/// <summary>The landing page.</summary>
public sealed class HomePage(IPage page, Uri baseUrl) : BasePage(page, baseUrl)
{
    public override string PagePath => "/";
}
