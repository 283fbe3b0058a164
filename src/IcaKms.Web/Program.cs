using IcaKms.Web;
using IcaKms.Web.Components;
using IcaKms.Web.Components.Layout;
using IcaKms.Web.Portal;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddIcaKmsWeb(builder.Configuration);

WebApplication app = builder.Build();

app.UsePortalProxySupport();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UsePortalAuthentication();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapPortalHealthChecks();
app.MapPortalAccount();
app.MapCredentialHandoff();
app.MapStaticAssets().AllowAnonymous();
ThemeStylesheet.Map(app).AllowAnonymous();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
