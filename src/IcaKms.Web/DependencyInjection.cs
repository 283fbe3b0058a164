using IcaKms.Core;
using IcaKms.Web.Logging;
using IcaKms.Web.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace IcaKms.Web;

/// <summary>Registers everything the web host needs, in one place.</summary>
public static class DependencyInjection
{
    /// <summary>Adds the host (Razor components, credential-safe logging, health checks) and the wizard's services.</summary>
    public static IServiceCollection AddIcaKmsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.PostConfigure<LoggerFilterOptions>(CredentialSafeLogging.Apply);
        services.AddRazorComponents()
            .AddInteractiveServerComponents();
        services.AddHealthChecks();
        return services.AddIcaKmsWizard(configuration);
    }

    /// <summary>
    /// Adds what the wizard's components need: MudBlazor, the per-circuit state and session, the credential hand-off and
    /// Core's AWS wiring. The component tests call this too, so they run on the host's registrations.
    /// </summary>
    public static IServiceCollection AddIcaKmsWizard(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IcaKmsOptions>(configuration.GetSection(IcaKmsOptions.Section));
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddIcaKmsCore(provider => provider.GetRequiredService<IOptions<IcaKmsOptions>>().Value.AwsEndpointUrl);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CredentialHandoff>();
        services.AddSingleton<IServerCredentialChain, DefaultServerCredentialChain>();
        services.AddScoped<WizardState>();
        services.AddScoped<WizardSession>();
        services.AddScoped<BrowserFiles>();
        services.AddScoped<WizardStorage>();
        return services;
    }
}
