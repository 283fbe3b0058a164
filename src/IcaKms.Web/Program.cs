using IcaKms.Web;
using IcaKms.Web.Components;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddIcaKmsWeb();

WebApplication app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapHealthChecks("/healthz");
app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>The web host's entry point; public so the end-to-end tests can host it.</summary>
public partial class Program;
