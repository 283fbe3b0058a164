using IcaKms.Core.Aws;
using IcaKms.Core.Validation;
using IcaKms.Web.Logging;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace IcaKms.Web;

/// <summary>Registers everything the web host needs, in one place.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// The largest message the circuit accepts from the browser. A text field sends its whole value per keystroke,
    /// JSON-escaped: the longest field (the policy box) holds at most <see cref="InputLimits.LongestField"/> + 1 =
    /// 65,537 UTF-16 characters, each at worst 6 bytes escaped (a control character or lone surrogate as \u0001), so
    /// 393,222 bytes plus a small event envelope; 512 KiB leaves about 130 KB of margin. SignalR's default is 32 KB.
    /// </summary>
    public const long MaxBrowserMessageBytes = 512 * 1024;

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

        // Hub options (global HubOptions are merged into Blazor's hub): see MaxBrowserMessageBytes.
        services.Configure<HubOptions>(options => options.MaximumReceiveMessageSize = MaxBrowserMessageBytes);

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
