using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.TestKit;

namespace IcaKms.Benchmarks;

/// <summary>
/// The test kit's in-memory AWS holding <see cref="Scenario"/>, each call waiting a fixed latency: the delay is the
/// point here, it stands for the network round trip of each AWS call.
/// </summary>
internal sealed class InMemoryBackend : IInspectionBackend
{
    public InMemoryBackend(TimeSpan latency, int attachedPolicies)
    {
        string[] arns = [.. Enumerable.Range(0, attachedPolicies).Select(Scenario.PolicyArn)];
        var aws = new InMemoryAws
        {
            BucketRegion = Result<string, AwsFailure>.Ok(Scenario.Region),
            Encryption = Result<BucketEncryption?, AwsFailure>.Ok(new BucketEncryption("aws:kms", Scenario.KeyAlias, true, ["SSE-C"])),
            KeyPolicy = Result<string, AwsFailure>.Ok(Scenario.KeyPolicy),
            UnknownKey = _ => Result<KmsKeyDescription, AwsFailure>.Ok(Key),
            UsableKeys = Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>.Ok([new KmsKeyChoice(Scenario.KeyArn, [Scenario.KeyAlias], "bench")]),
            Attached = Result<IReadOnlyList<AttachedPolicy>, AwsFailure>.Ok([.. arns.Select((arn, i) => new AttachedPolicy($"bench-{i}", arn))]),
            CallerIdentity = Result<CallerIdentity, AwsFailure>.Ok(new CallerIdentity(Scenario.Account, $"arn:aws:iam::{Scenario.Account}:user/{Scenario.User}", "AIDABENCH")),
            OnCall = async (_, cancellationToken) =>
            {
                Ledger.Record(latency);
                await Task.Delay(latency, cancellationToken);
            },
        };
        aws.Versions.Clear();
        for (int i = 0; i < arns.Length; i++)
        {
            aws.Versions[arns[i]] = Result<ManagedPolicyVersion, AwsFailure>.Ok(new ManagedPolicyVersion(arns[i], "v1", Scenario.PolicyDocument(i)));
        }

        Gateways = aws.Gateways;
    }

    public string Name => "in-memory";

    public (int Depth, string Description) SlowestChain => (2, "encryption → DescribeKey; user → policy versions");

    public AwsGateways Gateways { get; }

    public CallLedger Ledger { get; } = new();

    private static KmsKeyDescription Key { get; } = new(
        Scenario.KeyArn, Scenario.KeyId, Scenario.Region, Scenario.Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Each call records itself as it starts.
    public void Settle()
    {
    }
}
