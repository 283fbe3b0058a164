using Microsoft.AspNetCore.Http;

namespace IcaKms.Web.Tests.Portal;

public class ContentSecurityPolicyTests
{
    [Fact]
    public void WithoutSignInOrAzure_FormsAndConnectionsGoToThisServerOnly()
    {
        string policy = SecurityHeaders.ContentSecurityPolicy(new HostString("icakms.example.org"), null, null);

        Assert.Contains("connect-src 'self' ws://icakms.example.org wss://icakms.example.org;", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSignInAndAzureSignalR_TheProviderTakesTheSignOutForm_AndTheServiceTheConnection()
    {
        string policy = SecurityHeaders.ContentSecurityPolicy(
            new HostString("icakms.example.org"), "https://login.example.org", new Uri("https://icakms.service.signalr.net"));

        Assert.Contains("form-action 'self' https://login.example.org;", policy, StringComparison.Ordinal);
        Assert.Contains("https://icakms.service.signalr.net wss://icakms.service.signalr.net;", policy, StringComparison.Ordinal);
    }
}
