using IcaKms.Web.Components.Connection;
using IcaKms.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IcaKms.Web.Tests.Live;

public class ConnectionPanelTests : WizardTestContext
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz";
    private const string Token = "IQoJb3JpZ2luX2VjEXAMPLETOKENzz";

    private IRenderedComponent<ConnectionPanel> RenderPanel()
    {
        Render<MudPopoverProvider>();
        return Render<ConnectionPanel>();
    }

    private static void Connect(IRenderedComponent<ConnectionPanel> panel, string accessKeyId)
    {
        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();
        panel.Find("#aws-access-key-id").Change(accessKeyId);
        panel.Find("#aws-secret-access-key").Change(Secret);
        panel.Find("#aws-session-token").Change(Token);
        panel.Find("form").Submit();
    }

    [Fact]
    public void Panel_SaysOffline_ByDefault()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Assert.Contains("Offline", panel.Find("[data-testid=offline-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_ShowsAccountAndPrincipal_WhenStsAcceptsCredentials()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, FakeGatewayFactory.GoodKeyPrefix + "AAAAAAAA");

        panel.WaitForAssertion(() => Assert.Contains("123456789012", panel.Find("[data-testid=connected-identity]").TextContent, StringComparison.Ordinal));
        Assert.Contains("assumed-role/admin/ASIAGOODAAAAAAAA", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_ShowsStsMessageAndStaysOffline_WhenCredentialsRefused()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, "ASIABADXXXXXXXXX");

        panel.WaitForAssertion(() => Assert.Contains("InvalidClientTokenId", panel.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.False(Services.GetRequiredService<AwsConnection>().IsConnected);
    }

    [Fact]
    public void Connect_RefusesMalformedKey_BeforeCallingAws()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, "not a key");

        panel.WaitForAssertion(() => Assert.Contains("access key id", panel.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, Aws.InspectionCalls);
    }

    [Fact]
    public void Markup_NeverHoldsSecretOrToken_BeforeOrAfterConnecting()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, FakeGatewayFactory.GoodKeyPrefix + "AAAAAAAA");
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=connected-identity]")));

        Assert.DoesNotContain(Secret, panel.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Disconnect_ForgetsSession()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();
        Connect(panel, FakeGatewayFactory.GoodKeyPrefix + "AAAAAAAA");
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=connected-identity]")));

        panel.FindAll("button").Single(b => b.TextContent.Contains("Disconnect", StringComparison.Ordinal)).Click();

        Assert.Null(Services.GetRequiredService<AwsConnection>().Session);
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=offline-status]")));
    }

    [Fact]
    public void ServerCredentialsButton_IsHidden_WhenOperatorHasNotAllowedIt()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();

        Assert.DoesNotContain(panel.FindAll("button"), b => b.TextContent.Contains("this server's credentials", StringComparison.Ordinal));
    }
}
