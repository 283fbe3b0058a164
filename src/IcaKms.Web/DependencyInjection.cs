using IcaKms.Core;
using IcaKms.Web.Logging;
using IcaKms.Web.Services;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace IcaKms.Web;

/// <summary>Registers everything the web host needs, in one place.</summary>
public static class DependencyInjection
{
    /// <summary>Adds Razor components, MudBlazor, the per-circuit wizard state and health checks.</summary>
    public static IServiceCollection AddIcaKmsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IcaKmsOptions>(configuration.GetSection(IcaKmsOptions.Section));
        services.PostConfigure<LoggerFilterOptions>(CredentialSafeLogging.Apply);
        services.AddRazorComponents()
            .AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddHealthChecks();

        services.AddScoped<WizardState>();
        services.AddScoped<BrowserFiles>();
        services.AddScoped<WizardStorage>();
        services.AddIcaKmsCore(provider => provider.GetRequiredService<IOptions<IcaKmsOptions>>().Value.AwsEndpointUrl);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CredentialHandoff>();
        services.AddScoped<WizardSession>();
        return services;
    }
}
