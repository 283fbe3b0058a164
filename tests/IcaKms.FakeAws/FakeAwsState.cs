using IcaKms.Core.Aws;

namespace IcaKms.FakeAws;

/// <summary>
/// What the S3 and KMS writes change: the buckets (with their objects), the KMS keys and the aliases. It starts as the
/// <see cref="FakeAwsScenario"/> says (the scenario itself stays immutable) and is only read or changed while the
/// server holds its state lock, so concurrent requests see each write whole. Keys and bucket records are immutable and
/// replaced on every change, so the snapshots handed out (<see cref="FakeAwsServer.Buckets"/>,
/// <see cref="FakeAwsServer.Keys"/>) never change under the reader.
/// </summary>
internal sealed class FakeAwsState
{
    private long _versionCounter;

    public FakeAwsState(FakeAwsScenario scenario)
    {
        if (scenario.BucketExists)
        {
            // The scenario's objects were written under the scenario's default encryption.
            FakeS3Object Initial(string key) => scenario.Encryption is { } encryption
                ? new FakeS3Object(key, "", encryption.SseAlgorithm, encryption.KmsMasterKeyId, encryption.BucketKeyEnabled)
                : new FakeS3Object(key, "", "AES256", null, false);
            Buckets[scenario.BucketName] = new FakeBucket(scenario.BucketName, scenario.BucketRegion)
            {
                Versioning = scenario.Versioning,
                Policy = scenario.BucketPolicy,
                Encryption = scenario.Encryption,
                ObjectOwnership = scenario.ObjectOwnership,
                PublicAccessBlock = scenario.PublicAccessBlock,
                Objects = scenario.ExistingPrefixes.Distinct(StringComparer.Ordinal)
                    .Select(key => Initial(key) with { VersionId = scenario.Versioning is null ? null : NewVersionId() })
                    .ToList(),
            };
        }

        foreach (FakeKmsKey key in scenario.Keys)
        {
            Keys.Add(key with { Alias = null });
            if (key.Alias is { } alias)
            {
                Aliases.Add(new FakeKmsAlias(alias, key.KeyArn));
            }
        }
    }

    /// <summary>The account's buckets by name.</summary>
    public Dictionary<string, FakeBucket> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>The account's keys, in every region; <see cref="FakeKmsKey.Alias"/> is always null here (see <see cref="Aliases"/>).</summary>
    public List<FakeKmsKey> Keys { get; } = [];

    /// <summary>The aliases, each pointing at a key ARN.</summary>
    public List<FakeKmsAlias> Aliases { get; } = [];

    /// <summary>A new S3 version id, unique in the server.</summary>
    public string NewVersionId() => $"fakeVersion{Interlocked.Increment(ref _versionCounter):D8}";

    /// <summary>Replaces a key by ARN.</summary>
    public void Replace(FakeKmsKey key) => Keys[Keys.FindIndex(existing => existing.KeyArn == key.KeyArn)] = key;
}

/// <summary>A bucket of the fake account, as its writes left it.</summary>
/// <param name="Name">The bucket name.</param>
/// <param name="Region">The bucket's region.</param>
public sealed record FakeBucket(string Name, string Region)
{
    /// <summary>Null (never enabled), <c>Enabled</c> or <c>Suspended</c>.</summary>
    public string? Versioning { get; init; }

    /// <summary>The bucket policy JSON, or null for none.</summary>
    public string? Policy { get; init; }

    /// <summary>The default encryption rule, or null for none.</summary>
    public BucketEncryption? Encryption { get; init; }

    /// <summary>The object ownership, or null for none.</summary>
    public string? ObjectOwnership { get; init; }

    /// <summary>The public access block, or null for none.</summary>
    public PublicAccessBlock? PublicAccessBlock { get; init; }

    /// <summary>Every object version and delete marker, oldest first; the last one of a key is its current version.</summary>
    public IReadOnlyList<FakeS3Object> Objects { get; init; } = [];

    /// <summary>The current version of a key, or null when it has none or its current version is a delete marker.</summary>
    public FakeS3Object? Current(string key) =>
        Objects.LastOrDefault(item => item.Key == key) is { IsDeleteMarker: false } current ? current : null;
}

/// <summary>One object version (or delete marker) in a <see cref="FakeBucket"/>.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Content">The body, as text.</param>
/// <param name="ServerSideEncryption"><c>AES256</c>, <c>aws:kms</c> or <c>aws:kms:dsse</c>.</param>
/// <param name="KmsKeyArn">The key ARN the object is encrypted under (KMS encryption only).</param>
/// <param name="BucketKeyEnabled">Whether a Bucket Key was used.</param>
public sealed record FakeS3Object(string Key, string Content, string ServerSideEncryption, string? KmsKeyArn, bool BucketKeyEnabled)
{
    /// <summary>The version id: null in a bucket never versioned, <c>null</c> (the text) for a version written while suspended.</summary>
    public string? VersionId { get; init; }

    /// <summary>True for a delete marker.</summary>
    public bool IsDeleteMarker { get; init; }
}

/// <summary>A KMS alias of the fake account.</summary>
/// <param name="AliasName"><c>alias/NAME</c>.</param>
/// <param name="KeyArn">The key it points at; the alias lives in that key's region.</param>
public sealed record FakeKmsAlias(string AliasName, string KeyArn)
{
    /// <summary>The alias's region (its key's).</summary>
    public string Region => KeyArn.Split(':')[3];

    /// <summary>The alias's account (its key's).</summary>
    public string Account => KeyArn.Split(':')[4];
}
