using System.Net;
using IcaKms.E2E.Tests.Infrastructure;

namespace IcaKms.E2E.Tests.Smoke;

[Collection(E2ECollection.Name)]
public sealed class HealthzTests(AppServer app)
{
    [Fact]
    public async Task Healthz_ReturnsHealthy_WhenAppIsUp()
    {
        using HttpResponseMessage response = await app.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WizardPage_RefusesFramingAndCaching()
    {
        using HttpResponseMessage response = await app.Http.GetAsync("");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}
