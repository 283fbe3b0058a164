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
}
