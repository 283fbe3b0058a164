using IcaKms.Core;
using IcaKms.Core.Validation;
using IcaKms.Web.Components.Layout;
using IcaKms.Web.Logging;
using IcaKms.Web.Portal;
using IcaKms.Web.Services;
using IcaKms.Web.Services.Rotation;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters.Ica;
using IcaKms.Core.Adapters;

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

    /// <summary>
    /// Adds the host (Razor components, credential-safe logging, health checks), the portal's switches (sign-in, shared
    /// Data Protection keys, Azure SignalR, telemetry, rate limits, proxies: each off until configured) and the wizard's
    /// services.
    /// </summary>
    public static IServiceCollection AddIcaKmsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.PostConfigure<LoggerFilterOptions>(CredentialSafeLogging.Apply);
        services.AddRazorComponents()
            .AddInteractiveServerComponents();

        // Hub options (global HubOptions are merged into Blazor's hub): see MaxBrowserMessageBytes.
        services.Configure<HubOptions>(options => options.MaximumReceiveMessageSize = MaxBrowserMessageBytes);
        services.AddPortalCircuitLimits(configuration);
        services.AddPortalHealthChecks();
        services.AddPortalAuthentication(configuration);
        services.AddPortalDataProtection(configuration);
        services.AddPortalScaleOut(configuration);
        services.AddPortalTelemetry(configuration);
        services.AddCredentialHandoffRateLimit(configuration);
        services.AddPortalProxySupport(configuration);
        services.AddSingleton<ThemeStylesheet>();

        // Circuits for a portal (README, "Sizing"): how long and how many disconnected circuits are kept, from IcaKms options.
        services.AddOptions<CircuitOptions>()
            .Configure<IOptions<IcaKmsOptions>>((circuits, icakms) => icakms.Value.ConfigureCircuits(circuits));
        return services.AddIcaKmsWizard(configuration);
    }

    /// <summary>
    /// Adds what the wizard's components need: MudBlazor, the per-circuit inputs, flows and coordinator, the credential hand-off and
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
        services.AddIcaKmsCore(provider => provider.GetRequiredService<IOptions<IcaKmsOptions>>().Value.AwsClientSettings());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CredentialHandoff>();
        services.AddSingleton<IServerCredentialChain, DefaultServerCredentialChain>();
        services.Configure<PortalRateLimitOptions>(configuration.GetSection(PortalRateLimitOptions.Section));
        services.AddMetrics();
        services.TryAddSingleton<IcaKmsTelemetry>();
        services.TryAddSingleton<ChangeAudit>();
        services.TryAddSingleton<PerUserRateLimits>();
        services.AddScoped<CircuitUser>();
        services.AddScoped<WizardInputs>();
        services.AddScoped<ChangeRecorder>();
        services.AddScoped<AwsConnection>();
        services.AddScoped<AwsInspection>();
        services.AddScoped<KeyPicker>();
        services.AddScoped<AwsApply>();
        services.AddScoped<WizardCoordinator>();
        services.AddScoped<BrowserFiles>();
        services.AddScoped<SetupExport>();
        services.AddScoped<WizardStorage>();
        return services.AddIcaKmsIca();
    }

    /// <summary>
    /// Adds the ICA flows: the ICA API client factory (IHttpClientFactory with the standard resilience pipeline, base
    /// address and timeouts from <see cref="IcaKmsOptions"/>) and, per circuit, the <see cref="IcaConnection"/>, the
    /// <see cref="IcaPlanChoices"/>, the <see cref="IcaApply"/> flow and the <see cref="IcaValidationWatcher"/>.
    /// </summary>
    public static IServiceCollection AddIcaKmsIca(this IServiceCollection services)
    {
        services.AddIcaApi(provider => provider.GetRequiredService<IOptions<IcaKmsOptions>>().Value.IcaApiSettings());
        services.AddScoped<IcaConnection>();
        services.AddScoped<IcaPlanChoices>();
        services.AddScoped<IcaValidationWatcher>();
        services.AddScoped<IcaApply>();
        services.AddScoped<IcaRotation>();
        services.AddScoped<RotationChanges>();
        services.AddScoped<UnverifiedKeyTest>();
        services.AddScoped<KeyRotation>();
        services.AddScoped<OldKeyRetirement>();
        services.AddScoped<RotationRollback>();
        services.AddScoped<IcaFlows>();
        return services;
    }
}
