using IcaKms.Core;
using Microsoft.Extensions.DependencyInjection;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.FakeAws;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Adapters;

namespace IcaKms.Benchmarks;

/// <summary>
/// The real gateways (AWS SDK clients for S3, KMS and STS; the IAM Query client) against <see cref="FakeAwsServer"/>
/// on 127.0.0.1, which waits a fixed latency before answering each request: requests, signing and parsing included.
/// </summary>
internal sealed class LoopbackBackend : IInspectionBackend
{
    private const string AccessKeyId = "ASIABENCH00000000001";
    private readonly FakeAwsServer _server;
    private readonly TimeSpan _latency;
    private int _counted;

    public LoopbackBackend(TimeSpan latency, int attachedPolicies)
    {
        _latency = latency;
        var policies = Enumerable.Range(0, attachedPolicies).ToDictionary(Scenario.PolicyArn, Scenario.PolicyDocument);
        _server = FakeAwsServer.Start(new FakeAwsScenario
        {
            AccountId = Scenario.Account,
            Region = Scenario.Region,
            BucketName = Scenario.Bucket,
            Encryption = new BucketEncryption("aws:kms", Scenario.KeyAlias, true, ["SSE-C"]),
            Keys = [new FakeKmsKey(Scenario.KeyArn) { Alias = Scenario.KeyAlias, Policy = Scenario.KeyPolicy }],
            UserPolicies = new Dictionary<string, IReadOnlyList<string>> { [Scenario.User] = [.. policies.Keys] },
            PolicyDocuments = policies,
            Credentials = new Dictionary<string, string> { [AccessKeyId] = $"arn:aws:sts::{Scenario.Account}:assumed-role/Bench/bench" },
            Latency = latency,
        });

        var credentials = new SessionAWSCredentials(AccessKeyId, "bench-secret", "bench-token");
        Uri endpoint = _server.Url;
        IAwsGatewayFactory factory = new ServiceCollection().AddIcaKmsCore(_ => new AwsClientSettings { Endpoint = endpoint }).BuildServiceProvider().GetRequiredService<IAwsGatewayFactory>();
        var session = new AwsSession(AwsSessionSource.Pasted, credentials, new CallerIdentity(Scenario.Account, "bench", "bench"), _server.Url);
        Gateways = factory.Create(session, Scenario.Region);
    }

    public string Name => "loopback HTTP (real SDK and IAM clients)";

    // IAM's Query API needs GetPolicy (for the default version id) before GetPolicyVersion.
    public (int Depth, string Description) SlowestChain => (3, "user → GetPolicy → GetPolicyVersion");

    public AwsGateways Gateways { get; }

    public CallLedger Ledger { get; } = new();

    public void Settle()
    {
        int total = _server.RequestCount;
        Ledger.Reset();
        Ledger.Record(total - _counted, _latency);
        _counted = total;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
