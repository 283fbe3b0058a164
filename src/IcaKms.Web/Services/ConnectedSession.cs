using IcaKms.Core.Aws;

namespace IcaKms.Web.Services;

/// <summary>
/// One connection to AWS: the session (credentials included), the gateways made for it per region, and the cancellation
/// every one of its calls runs under. <see cref="Dispose"/> cancels whatever is in flight and refuses new calls, so
/// nothing signed with forgotten credentials leaves the server after Disconnect.
/// </summary>
internal sealed class ConnectedSession : IDisposable
{
    private readonly IAwsGatewayFactory _factory;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<string, AwsGateways> _gateways = new(StringComparer.Ordinal);

    public ConnectedSession(AwsSession session, IAwsGatewayFactory factory)
    {
        Session = session;
        _factory = factory;
        // Kept apart from the source: the token stays readable after the source is disposed.
        Token = _lifetime.Token;
    }

    public AwsSession Session { get; }

    /// <summary>Cancelled when the session ends: pass it to every call of the session.</summary>
    public CancellationToken Token { get; }

    /// <summary>The gateways in a region (made once per region); throws <see cref="OperationCanceledException"/> once ended.</summary>
    public AwsGateways Gateways(string region)
    {
        Token.ThrowIfCancellationRequested();
        if (!_gateways.TryGetValue(region, out AwsGateways? gateways))
        {
            gateways = _factory.Create(Session, region);
            _gateways[region] = gateways;
        }

        return gateways;
    }

    /// <summary>Cancels every call in flight and forgets the gateways (and with them the credentials' clients).</summary>
    /// <remarks>
    /// Safe while calls still hold <see cref="Token"/>: a cancelled token's registrations run at once, even after its
    /// source is disposed.
    /// </remarks>
    public void Dispose()
    {
        _gateways.Clear();
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
