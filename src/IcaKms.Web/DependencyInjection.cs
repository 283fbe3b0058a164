using IcaKms.Core.Aws;
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
        services.AddSingleton<IAwsGatewayFactory>(provider =>
        {
            Uri? endpoint = provider.GetRequiredService<IOptions<IcaKmsOptions>>().Value.AwsEndpointUrl;
            AwsClientFactory? factory = null;
            // IAM has no SDK client here: the Query-API client follows the same endpoint as the SDK clients.
            factory = new AwsClientFactory(session => IamQueryClient.Create(session.Credentials, factory!.ResolveEndpoint(session)), endpoint);
            return factory;
        });
        services.AddScoped<AwsConnection>();
        services.AddScoped<LiveInspection>();
        return services;
    }
}
