using IcaKms.Core.Ica;

namespace IcaKms.Web.Services;

/// <summary>
/// One ICA connection (<see cref="IcaConnection"/>): its client (holding the API key), the regions it read, and the
/// cancellation every one of its calls runs under; <see cref="Dispose"/> cancels whatever is in flight.
/// </summary>
internal sealed class ConnectedIca : IConnectedLifetime, IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();

    public ConnectedIca(IIcaClient client, IReadOnlyList<IcaApiRegion> regions)
    {
        Client = client;
        Regions = regions;
        // Read once: calls still holding it see it cancelled after Dispose.
        Token = _lifetime.Token;
    }

    public IIcaClient Client { get; }

    public IReadOnlyList<IcaApiRegion> Regions { get; }

    public CancellationToken Token { get; }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
