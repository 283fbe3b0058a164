using IcaKms.Web.Components.Connection;
using IcaKms.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Web.Tests.Live;

public class ConnectionPanelTests : WizardTestContext
{
    private IRenderedComponent<ConnectionPanel> RenderPanel()
    {
        return Render<ConnectionPanel>();
    }

    private void Connect(IRenderedComponent<ConnectionPanel> panel, string accessKeyId)
    {
        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();
        JSRuntimeInvocationHandler<bool> post = ExpectTypedCredentials();
        panel.Find("form").Submit();
        ReleaseTypedCredentials(post, accessKeyId);
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

        Connect(panel, InMemoryAws.GoodKeyPrefix + "AAAAAAAA");

        panel.WaitForAssertion(() => Assert.Contains("123456789012", panel.Find("[data-testid=connected-identity]").TextContent, StringComparison.Ordinal));
        Assert.Contains("assumed-role/admin/ASIAGOODAAAAAAAA", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialFields_HaveNoBindings_SoTypedValuesNeverReachTheCircuit()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();
        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();

        foreach (string id in new[] { "aws-access-key-id", "aws-secret-access-key", "aws-session-token" })
        {
            AngleSharp.Dom.IElement input = panel.Find($"#{id}");
            // bUnit renders an event handler as a blazor:on… attribute: none may listen to what is typed.
            Assert.DoesNotContain(input.Attributes, a => a.Name.StartsWith("blazor:on", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Connect_PostsWithASingleUseTicket_ThatCannotBeClaimedTwice()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, InMemoryAws.GoodKeyPrefix + "AAAAAAAA");
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=connected-identity]")));

        JSRuntimeInvocation call = JSInterop.Invocations.Last(i => i.Identifier == "icakms.postCredentials");
        var handoff = Services.GetRequiredService<CredentialHandoff>();
        Assert.Null(handoff.Claim((string)call.Arguments[1]!));
        Assert.Equal(0, handoff.OpenCount);
    }

    [Fact]
    public void Connect_ShowsStsMessageAndStaysOffline_WhenCredentialsRefused()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, "ASIABADXXXXXXXXX");

        panel.WaitForAssertion(() => Assert.Contains("InvalidClientTokenId", panel.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.False(Connection.IsConnected);
    }

    [Fact]
    public void Connect_SaysCredentialsDidNotArrive_WhenTheBrowserPostFailed()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();
        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();
        JSRuntimeInvocationHandler<bool> post = ExpectTypedCredentials();

        panel.Find("form").Submit();
        post.SetResult(false);

        panel.WaitForAssertion(() => Assert.Contains("did not reach the server", panel.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.False(Connection.IsConnected);
    }

    [Fact]
    public void Connect_RefusesMalformedKey_BeforeCallingAws()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, "not a key");

        panel.WaitForAssertion(() => Assert.Contains("access key id", panel.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Aws.Calls);
    }

    [Fact]
    public void Markup_NeverHoldsSecretOrToken_BeforeOrAfterConnecting()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        Connect(panel, InMemoryAws.GoodKeyPrefix + "AAAAAAAA");
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=connected-identity]")));

        Assert.DoesNotContain(Secret, panel.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Disconnect_ForgetsSession()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();
        Connect(panel, InMemoryAws.GoodKeyPrefix + "AAAAAAAA");
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=connected-identity]")));

        panel.FindAll("button").Single(b => b.TextContent.Contains("Disconnect", StringComparison.Ordinal)).Click();

        // Click() can return before the renderer has run the disconnect (it failed so on a busy machine): wait for its outcome.
        panel.WaitForAssertion(() =>
        {
            Assert.False(Connection.IsConnected);
            Assert.Null(Connection.Identity);
            Assert.NotEmpty(panel.FindAll("[data-testid=offline-status]"));
        });
    }

    [Fact]
    public void ServerCredentialsButton_IsHidden_WhenOperatorHasNotAllowedIt()
    {
        IRenderedComponent<ConnectionPanel> panel = RenderPanel();

        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();

        Assert.DoesNotContain(panel.FindAll("button"), b => b.TextContent.Contains("this server's credentials", StringComparison.Ordinal));
    }
}

public class ServerCredentialsTests() : WizardTestContext(new Dictionary<string, string?> { ["IcaKms:AllowServerCredentials"] = "true" })
{
    private sealed class ServerChain(Func<Amazon.Runtime.AWSCredentials> resolve) : IServerCredentialChain
    {
        public Task<Amazon.Runtime.AWSCredentials> ResolveAsync() => Task.FromResult(resolve());
    }

    [Fact]
    public void ServerButton_ConnectsWithTheServersChain_WhenOperatorAllowsIt()
    {
        Services.AddSingleton<IServerCredentialChain>(new ServerChain(() => new Amazon.Runtime.BasicAWSCredentials(InMemoryAws.GoodKeyPrefix + "SERVER01", "server-secret")));
        IRenderedComponent<ConnectionPanel> panel = Render<ConnectionPanel>();
        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();

        panel.FindAll("button").Single(b => b.TextContent.Contains("this server's credentials", StringComparison.Ordinal)).Click();

        panel.WaitForAssertion(() => Assert.Contains("ASIAGOODSERVER01", panel.Find("[data-testid=connected-identity]").TextContent, StringComparison.Ordinal));
        Assert.Contains("this server's credentials", panel.Find("[data-testid=connected-identity]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Core.Adapters.Aws.AwsSessionSource.ServerChain, Connection.Source);
    }

    [Fact]
    public void ServerButton_SaysTheServerHasNoCredentials_WhenTheChainFindsNone()
    {
        Services.AddSingleton<IServerCredentialChain>(new ServerChain(() => throw new Amazon.Runtime.AmazonClientException("no credentials")));
        IRenderedComponent<ConnectionPanel> panel = Render<ConnectionPanel>();
        panel.FindAll("button").Single(b => b.TextContent.Contains("Connect to AWS", StringComparison.Ordinal)).Click();

        panel.FindAll("button").Single(b => b.TextContent.Contains("this server's credentials", StringComparison.Ordinal)).Click();

        panel.WaitForAssertion(() => Assert.Contains("server has no AWS credentials", panel.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.False(Connection.IsConnected);
    }
}
