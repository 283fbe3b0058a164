using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using IcaKms.FakeAws;
using IcaKms.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// The portal with OpenID Connect sign-in, in Chromium, against a certified OpenID provider on loopback (oidc-provider): who gets in, who may apply,
/// a second instance that accepts the first one's sign-in (shared keys), the per-user limit on credential checks, the
/// audit event naming the signed-in user, and the telemetry exported over OTLP.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalAppServers portal, BrowserFixture browser)
{
    private const string Secret = "PortalE2eSecret/0123456789";
    private const string Token = "PortalE2eToken0123456789";

    [Fact]
    public async Task AUserWithTheRequiredGroup_SignsInAtTheProvider_AndUsesTheWizard()
    {
        IPage page = await SignInAsync(portal.First, "alice");
        await using IBrowserContext context = page.Context;

        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Signed in as alice@example.org");
        var wizard = new WizardPage(page, portal.First.BaseUrl);
        await wizard.Bucket.ExpectActiveAsync();
        await wizard.Bucket.BucketName.FillAsync("lab-signed-in");
        await Expect(wizard.Bucket.BucketName).ToHaveValueAsync("lab-signed-in");
        await wizard.SaveScreenshotAsync("portal-1-signed-in");
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionHereAndAtTheProvider_WithoutACspViolation()
    {
        IPage page = await browser.NewPageAsync(portal.First.BaseUrl);
        await using IBrowserContext context = page.Context;
        CspViolations violations = await CspViolations.WatchAsync(page);
        await SignInAsync(page, portal.First, "alice");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign out of IcaKms" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // The provider's end-session endpoint asks the person to confirm.
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();

        // The provider ended its session and sent the browser back; the portal, signed out, asks the provider again,
        // which (its own session gone too) asks who is signing in.
        await Expect(page).ToHaveURLAsync(SignInAtTheProvider);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in as alice" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync([portal.First.BaseUrl.ToString()]), c => c.Name.StartsWith("IcaKms.Session", StringComparison.Ordinal));
        Assert.Empty(await violations.AllAsync());
    }

    [Fact]
    public async Task AUserWithoutTheRequiredGroup_GetsTheAccessDeniedPage_With403()
    {
        IPage page = await browser.NewPageAsync(portal.First.BaseUrl);
        await using IBrowserContext context = page.Context;
        await page.GotoAsync("/");

        IResponse denied = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in as bob" }).ClickAsync(),
            response => response.Url.Contains("/access-denied", StringComparison.Ordinal));

        Assert.Equal(403, denied.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot use IcaKms" })).ToBeVisibleAsync();
        await Expect(page.GetByText("bob@example.org")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        await new HomePage(page, portal.First.BaseUrl).SaveScreenshotAsync("portal-2-access-denied");
        // Nor can bob open the circuit's hub directly with his cookie.
        using HttpClient http = await ClientWithCookiesOfAsync(context, portal.First);
        using HttpResponseMessage hub = await http.PostAsync("_blazor/negotiate?negotiateVersion=1", null);
        Assert.NotEqual(HttpStatusCode.OK, hub.StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsSentToTheProvider_ButHealthChecksAnswer()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.First.BaseUrl };

        using HttpResponseMessage page = await http.GetAsync("");
        using HttpResponseMessage live = await http.GetAsync("healthz/live");
        using HttpResponseMessage ready = await http.GetAsync("healthz/ready");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(portal.Provider.AuthorizationEndpoint + "?", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AUserWithoutTheApplyGroup_PlansChanges_ButApplyIsDisabledWithTheReason()
    {
        IPage page = await SignInAsync(portal.First, "carol");
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, portal.First.BaseUrl);
        await new ConnectionPanel(page).ConnectAsync(FakeAwsScenario.DefaultAccessKeyId, Secret, Token);
        await wizard.Bucket.BucketName.FillAsync($"lab-e2e-reader-{Suffix()}");
        await wizard.Bucket.KeyArn.FillAsync(portal.Aws.Scenario.DefaultKeyArn);
        await wizard.Bucket.KeyPrefix.FillAsync("ica/");

        var bucketPlan = new PlanPanelPage(page, "bucket");
        await bucketPlan.PlanAsync();

        await Expect(bucketPlan.Changes).Not.ToHaveCountAsync(0);
        await Expect(bucketPlan.Root.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Apply \\d+ change") })).ToBeDisabledAsync();
        await Expect(bucketPlan.Root.GetByTestId("apply-refusal")).ToContainTextAsync($"needs the {CertifiedOpenIdProvider.AppliersGroup} groups claim");
        await Expect(bucketPlan.Root.GetByRole(AriaRole.Button, new() { Name = "Verify with a test write" })).ToBeDisabledAsync();
        await wizard.SaveScreenshotAsync("portal-3-apply-disabled");
    }

    [Fact]
    public async Task TheSecondInstance_AcceptsTheSignInOfTheFirst_BecauseTheyShareTheKeys()
    {
        IPage page = await SignInAsync(portal.First, "alice");
        await using IBrowserContext context = page.Context;
        int tokens = portal.Provider.TokensIssued;

        // Cookies are per host, not per port: the browser sends the first instance's session cookie to the second.
        await page.GotoAsync(portal.Second.BaseUrl.ToString());

        Assert.StartsWith(portal.Second.BaseUrl.ToString(), page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Signed in as alice@example.org");
        // The second instance's first circuit (a cold process on a busy machine) can take longer than the default wait.
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Bucket name" })).ToBeEditableAsync(new() { Timeout = 30_000 });
        Assert.Equal(tokens, portal.Provider.TokensIssued);
    }

    [Fact]
    public async Task TheCredentialEndpoint_RefusesAUserPastTheLimit_WithAMessage()
    {
        IPage page = await SignInAsync(portal.First, "dave");
        await using IBrowserContext context = page.Context;
        using HttpClient http = await ClientWithCookiesOfAsync(context, portal.First);
        string path = CredentialHandoffEndpoint.Path.TrimStart('/');

        var answers = new List<HttpStatusCode>();
        for (int post = 0; post < PortalAppServers.CredentialChecksPerMinute; post++)
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync(path, new { ticket = new string('A', 64), accessKeyId = "ASIALIMIT0000000001", secretAccessKey = Secret });
            answers.Add(response.StatusCode);
        }

        using HttpResponseMessage refused = await http.PostAsJsonAsync(path, new { ticket = new string('A', 64), accessKeyId = "ASIALIMIT0000000001", secretAccessKey = Secret });

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.StartsWith("Too many credential checks in a minute from you", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.DoesNotContain(Secret, portal.First.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeAppliedBySignedInUser_IsAudited_WithTheirName_AndTelemetryIsExported()
    {
        string bucket = $"lab-e2e-audit-{Suffix()}";
        IPage page = await SignInAsync(portal.First, "alice");
        await using IBrowserContext context = page.Context;
        var wizard = new WizardPage(page, portal.First.BaseUrl);
        await new ConnectionPanel(page).ConnectAsync(FakeAwsScenario.DefaultAccessKeyId, Secret, Token);
        await wizard.Bucket.BucketName.FillAsync(bucket);
        await wizard.Bucket.KeyArn.FillAsync(portal.Aws.Scenario.DefaultKeyArn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inspect bucket and key" }).ClickAsync();
        await Expect(page.GetByTestId("live-bucket-encryption")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var bucketPlan = new PlanPanelPage(page, "bucket");
        await bucketPlan.PlanAsync();
        int changes = await bucketPlan.Changes.CountAsync();

        await bucketPlan.ApplyAsync(changes);

        Assert.Contains(
            $"IcaKms change Done: s3:CreateBucket on {bucket} by alice@example.org as {portal.Aws.Scenario.DefaultCallerArn}",
            portal.First.Output,
            StringComparison.Ordinal);
        TimeSpan wait = TimeSpan.FromSeconds(20);
        await portal.Otlp.WaitForAsync("/v1/traces", "icakms.inspect", wait);
        await portal.Otlp.WaitForAsync("/v1/traces", "icakms.apply", wait);
        await portal.Otlp.WaitForAsync("/v1/metrics", "icakms.inspections", wait);
        await portal.Otlp.WaitForAsync("/v1/metrics", "icakms.applies", wait);
        await portal.Otlp.WaitForAsync("/v1/metrics", "icakms.circuits.open", wait);
        await portal.Otlp.WaitForAsync("/v1/metrics", "http.server.request.duration", wait);
    }

    private Regex SignInAtTheProvider => portal.SignInAtTheProvider;

    private static string Suffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    // Opens the portal, which sends the browser to the provider, picks the user there and comes back signed in.
    private async Task<IPage> SignInAsync(AppServer app, string user) => await SignInAsync(await browser.NewPageAsync(app.BaseUrl), app, user);

    private Task<IPage> SignInAsync(IPage page, AppServer app, string user) => portal.SignInAsync(page, app, user);

    private static async Task<HttpClient> ClientWithCookiesOfAsync(IBrowserContext context, AppServer app)
    {
        IReadOnlyList<BrowserContextCookiesResult> cookies = await context.CookiesAsync([app.BaseUrl.ToString()]);
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUrl };
        http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return http;
    }
}
