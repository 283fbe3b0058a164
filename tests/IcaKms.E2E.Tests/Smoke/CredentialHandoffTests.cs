using System.Net;
using System.Net.Http.Json;
using System.Text;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.Web;

namespace IcaKms.E2E.Tests.Smoke;

/// <summary>The credential hand-off endpoint over plain HTTP: it accepts only what a circuit asked for.</summary>
[Collection(E2ECollection.Name)]
public sealed class CredentialHandoffTests(AppServer app)
{
    private const string Secret = "HandoffSecretMarker/0123456789";
    private static readonly string Path = CredentialHandoffEndpoint.Path.TrimStart('/');

    [Fact]
    public async Task Post_Refuses_ATicketNoCircuitOpened_WithoutEchoingAnything()
    {
        using HttpResponseMessage response = await app.Http.PostAsJsonAsync(Path, new
        {
            ticket = new string('A', 64),
            accessKeyId = "ASIAHANDOFF000000001",
            secretAccessKey = Secret,
            sessionToken = "token",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain(Secret, app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Refuses_AFormPost_SoNoCrossSiteFormCanReachIt()
    {
        using var form = new FormUrlEncodedContent([new("ticket", new string('A', 64)), new("secretAccessKey", Secret)]);

        using HttpResponseMessage response = await app.Http.PostAsync(Path, form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_Refuses_ABodyLargerThanAnyCredentials()
    {
        string huge = new('x', CredentialHandoffEndpoint.MaxBodyBytes + 1);
        using var content = new StringContent($$"""{"ticket":"{{huge}}"}""", Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await app.Http.PostAsync(Path, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_Refuses_BrokenJson_WithoutQuotingIt()
    {
        using var content = new StringContent($$"""{"ticket": "abc", "secretAccessKey": "{{Secret}}" """, Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await app.Http.PostAsync(Path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, app.Output, StringComparison.Ordinal);
    }
}
