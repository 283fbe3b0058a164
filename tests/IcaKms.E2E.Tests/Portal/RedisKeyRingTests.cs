using System.Net;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.Web.Portal;
using Microsoft.Playwright;
using StackExchange.Redis;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// The two portal instances' Data Protection key ring in a real Redis (Debian's redis-server, no persistence): the ring
/// is there, a sign-in by one is accepted by the other, and Redis killed and started again empty while both run.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RedisKeyRingTests(PortalAppServers portal, BrowserFixture browser)
{
    [Fact]
    public async Task TheKeyRing_IsInRedis_AndASignInOnOneInstanceIsAcceptedByTheOther()
    {
        IPage page = await portal.SignInAsync(await browser.NewPageAsync(portal.First.BaseUrl), portal.First, "alice");
        await using IBrowserContext context = page.Context;

        await page.GotoAsync(portal.Second.BaseUrl.ToString());

        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Signed in as alice@example.org");
        string[] ring = await KeyRingAsync();
        Assert.NotEmpty(ring);
        Assert.All(ring, element => Assert.StartsWith("<key id=", element, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisKilledAndStartedEmpty_ReadinessSaysWhy_SignedInUsersStay_AndTheRingComesBackOnce()
    {
        IPage page = await portal.SignInAsync(await browser.NewPageAsync(portal.First.BaseUrl), portal.First, "alice");
        await using IBrowserContext context = page.Context;
        await PortalAppServers.WaitForReadinessAsync(portal.First, (status, body) => body == "Healthy", "Healthy");
        string[] before = await KeyRingAsync();

        await portal.Redis.StopAsync();
        try
        {
            foreach (AppServer app in new[] { portal.First, portal.Second })
            {
                (HttpStatusCode status, string body) = await PortalAppServers.WaitForReadinessAsync(
                    app, (_, body) => body.StartsWith("Degraded", StringComparison.Ordinal), "Degraded");
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Contains($"data-protection-redis: Degraded: Redis at {portal.Redis.ConnectionString} does not answer", body, StringComparison.Ordinal);
            }

            // What can be served still is: the keys in memory read the session cookie on both instances.
            await page.ReloadAsync();
            await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Signed in as alice@example.org");
            await page.GotoAsync(portal.Second.BaseUrl.ToString());
            await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Signed in as alice@example.org");
        }
        finally
        {
            await portal.Redis.StartAsync();
        }

        // Back without a restart of either instance: both ready again, every key put back exactly once, the session still good.
        await PortalAppServers.WaitForReadinessAsync(portal.First, (status, body) => body == "Healthy", "Healthy");
        await PortalAppServers.WaitForReadinessAsync(portal.Second, (status, body) => body == "Healthy", "Healthy");
        // Every key either instance held is back, each once (two instances started together may each have minted one, and
        // the one that restores first may know only its own): the order in the list does not matter to Data Protection.
        Assert.Equal(before.Order(StringComparer.Ordinal), (await KeyRingAsync()).Order(StringComparer.Ordinal));
        await page.GotoAsync(portal.First.BaseUrl.ToString());
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Signed in as alice@example.org");
    }

    private async Task<string[]> KeyRingAsync()
    {
        await using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(portal.Redis.ConnectionString);
        RedisValue[] elements = await redis.GetDatabase().ListRangeAsync(PortalDataProtection.RedisKey);
        return elements.Select(e => (string)e!).ToArray();
    }
}
