using IcaKms.Core.Aws;

namespace IcaKms.Benchmarks;

/// <summary>
/// What the inspection runs against: gateways whose every call costs a fixed latency, and the ledger of those calls.
/// <see cref="InMemoryBackend"/> is the first; a loopback backend (an HTTP server on 127.0.0.1 that waits the latency
/// per request, with the SDK-based gateways pointed at it) is the second, once those gateways exist.
/// </summary>
internal interface IInspectionBackend : IAsyncDisposable
{
    /// <summary>A short name for the report.</summary>
    string Name { get; }

    /// <summary>The gateways to inspect with.</summary>
    AwsGateways Gateways { get; }

    /// <summary>The calls made and the latency they waited, since the last reset.</summary>
    CallLedger Ledger { get; }
}
