using IcaKms.Core.Aws;

namespace IcaKms.Benchmarks;

/// <summary>
/// What the inspection runs against: gateways whose every call costs a fixed latency, and the ledger of those calls.
/// <see cref="InMemoryBackend"/> calls the test kit's in-memory AWS; <see cref="LoopbackBackend"/> runs the real SDK and IAM
/// gateways against a fake AWS on 127.0.0.1 that waits the latency per request.
/// </summary>
internal interface IInspectionBackend : IAsyncDisposable
{
    /// <summary>A short name for the report.</summary>
    string Name { get; }

    /// <summary>The longest chain of dependent calls, and what it is.</summary>
    (int Depth, string Description) SlowestChain { get; }

    /// <summary>The gateways to inspect with.</summary>
    AwsGateways Gateways { get; }

    /// <summary>The calls made and the latency they waited, since the last reset.</summary>
    CallLedger Ledger { get; }

    /// <summary>Brings <see cref="Ledger"/> up to date after a run (a loopback server counts its requests itself).</summary>
    void Settle();
}
