using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace IcaKms.Web.Portal;

/// <summary>Where the Data Protection keys live (configuration section <c>IcaKms:DataProtection</c>).</summary>
public sealed class PortalDataProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IcaKms:DataProtection";

    /// <summary>
    /// The folder the keys are kept in; every instance of the portal must see the same folder (a mounted volume). Null for
    /// <see cref="PortalDataProtection.DefaultKeysPath"/>.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>A Redis connection string (StackExchange.Redis syntax); when set the keys are kept in Redis instead of a folder.</summary>
    public string? RedisConnectionString { get; set; }
}

/// <summary>
/// Data Protection keys kept where every instance and every restart reads them, under one fixed application name, so
/// the antiforgery tokens, the sign-in cookie and Blazor's circuit descriptors one instance issues are accepted by
/// another and after a restart: a folder by default (<see cref="PortalDataProtectionOptions.KeysPath"/>), or Redis
/// (<see cref="RedisKeyRing"/>, checked by readiness) when a connection string is configured.
/// </summary>
public static class PortalDataProtection
{
    /// <summary>The application name every instance shares (the default is the content root path, which differs between hosts).</summary>
    public const string ApplicationName = "IcaKms";

    /// <summary>The Redis key the key ring is kept under.</summary>
    public const string RedisKey = "IcaKms:DataProtection-Keys";

    /// <summary>The folder used when none is configured: <c>IcaKms/DataProtection-Keys</c> in the user's local application data.</summary>
    public static string DefaultKeysPath
    {
        get
        {
            string appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(appData) ? AppContext.BaseDirectory : appData, "IcaKms", "DataProtection-Keys");
        }
    }

    /// <summary>Adds Data Protection with the shared application name and key storage.</summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(PortalDataProtectionOptions.Section);
        services.Configure<PortalDataProtectionOptions>(section);
        PortalDataProtectionOptions settings = section.Get<PortalDataProtectionOptions>() ?? new();

        IDataProtectionBuilder builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (settings.RedisConnectionString is { Length: > 0 } redis)
        {
            // Connected on first use, not at startup, and never given up on: Redis down at startup or restarted later does
            // not stop the host, and the ring comes back without a restart.
            services.AddSingleton(_ => new RedisKeyRing(redis, RedisKey));
            services.AddOptions<KeyManagementOptions>().Configure<RedisKeyRing>((options, ring) => options.XmlRepository = ring);
            services.AddHealthChecks().AddCheck<RedisKeyRingCheck>("data-protection-redis", tags: [PortalHealthChecks.ReadyTag]);
        }
        else
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath is { Length: > 0 } path ? path : DefaultKeysPath));
        }

        return services;
    }
}
