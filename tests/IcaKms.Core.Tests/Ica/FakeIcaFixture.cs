using IcaKms.Core.Ica;
using IcaKms.FakeIca;
using Microsoft.Extensions.DependencyInjection;
using IcaKms.Core.Adapters.Ica;
using IcaKms.Core.Adapters;

namespace IcaKms.Core.Tests.Ica;

/// <summary>
/// A fake ICA and clients built as the host builds them (<see cref="DependencyInjection.AddIcaApi"/>: IHttpClientFactory
/// and the standard resilience pipeline), with one quick read retry; a test of a hung endpoint sets a short attempt timeout.
/// </summary>
internal sealed class FakeIcaFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private FakeIcaFixture(FakeIcaServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
    }

    public FakeIcaServer Server { get; }

    public IIcaClientFactory Clients => _services.GetRequiredService<IIcaClientFactory>();

    public IIcaClient Client(string apiKey = FakeIcaScenario.DefaultApiKey) => Clients.Create(apiKey);

    public static async Task<FakeIcaFixture> StartAsync(FakeIcaScenario? scenario = null, Uri? url = null, TimeSpan? attemptTimeout = null)
    {
        FakeIcaServer server = await FakeIcaServer.StartAsync(scenario);
        ServiceProvider services = new ServiceCollection()
            .AddIcaApi(_ => new IcaApiSettings(url ?? server.Url, attemptTimeout ?? TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), 1, TimeSpan.FromMilliseconds(20)))
            .BuildServiceProvider();
        return new FakeIcaFixture(server, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
