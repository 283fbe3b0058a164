using IcaKms.Core.Adapters;
using IcaKms.Core.Adapters.Ica;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Cli.Ica;

/// <summary>The ICA client wiring, as the web app registers it (Core's <see cref="DependencyInjection.AddIcaApi"/>).</summary>
internal static class IcaWiring
{
    /// <summary>The environment variable holding the ICA API key: never an argument, so it stays out of shell history and process lists.</summary>
    public const string ApiKeyVariable = "ICA_API_KEY";

    public static IIcaClientFactory ClientFactory(Uri baseUrl)
    {
        var services = new ServiceCollection();
        services.AddIcaApi(_ => new IcaApiSettings() with { BaseUrl = baseUrl });
        return services.BuildServiceProvider().GetRequiredService<IIcaClientFactory>();
    }
}
