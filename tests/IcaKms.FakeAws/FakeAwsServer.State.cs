namespace IcaKms.FakeAws;

/// <content>The state the S3 and KMS writes change, behind one lock.</content>
public sealed partial class FakeAwsServer
{
    private readonly FakeAwsState _state;

    /// <summary>
    /// Held while an S3 or KMS request is answered (reads and writes alike), so each request sees the state whole and
    /// writes never interleave. Answers are synchronous and short; <see cref="FakeAwsScenario.Latency"/> is waited
    /// outside it.
    /// </summary>
    private readonly Lock _stateLock = new();

    /// <summary>The account's buckets now, with their objects (a snapshot).</summary>
    public IReadOnlyList<FakeBucket> Buckets
    {
        get
        {
            lock (_stateLock)
            {
                return [.. _state.Buckets.Values.OrderBy(bucket => bucket.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The account's KMS keys now, in every region (a snapshot; aliases are in <see cref="Aliases"/>).</summary>
    public IReadOnlyList<FakeKmsKey> Keys
    {
        get
        {
            lock (_stateLock)
            {
                return [.. _state.Keys];
            }
        }
    }

    /// <summary>The account's KMS aliases now (a snapshot).</summary>
    public IReadOnlyList<FakeKmsAlias> Aliases
    {
        get
        {
            lock (_stateLock)
            {
                return [.. _state.Aliases];
            }
        }
    }

    /// <summary>The bucket now, or null when it does not exist.</summary>
    public FakeBucket? Bucket(string name)
    {
        lock (_stateLock)
        {
            return _state.Buckets.GetValueOrDefault(name);
        }
    }
}
