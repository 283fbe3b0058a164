namespace IcaKms.Web.Services;

/// <summary>
/// A connection the flows run their intents under (<see cref="AwsConnection"/>, <see cref="IcaConnection"/>): the one in
/// use now, or null when offline. A result read under another one than <see cref="Current"/> is stale.
/// </summary>
/// <typeparam name="TSession">One connection: its credentials or key, and the cancellation its calls run under.</typeparam>
internal interface IFlowConnection<TSession>
    where TSession : class, IConnectedLifetime
{
    /// <summary>The connection every call runs under now, or null when offline.</summary>
    TSession? Current { get; }
}

/// <summary>One connection's lifetime: cancelled when it ends (Disconnect, a new connection, the end of the circuit).</summary>
internal interface IConnectedLifetime
{
    /// <summary>Cancelled when the connection ends: pass it to every call of the connection.</summary>
    CancellationToken Token { get; }
}
