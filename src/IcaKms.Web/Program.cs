using IcaKms.Web;
using IcaKms.Web.Components;
using IcaKms.Web.Components.Layout;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddIcaKmsWeb(builder.Configuration);

WebApplication app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapHealthChecks("/healthz");
app.MapCredentialHandoff();
app.MapStaticAssets();
ThemeStylesheet.Map(app);
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
