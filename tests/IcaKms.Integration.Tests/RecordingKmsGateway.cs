using System.Collections.Concurrent;
using IcaKms.Core;
using IcaKms.Core.Aws;

namespace IcaKms.Integration.Tests;

/// <summary>The app's KMS gateway, unchanged, remembering the key each GetKeyPolicy was asked for.</summary>
internal sealed class RecordingKmsGateway : IKmsGateway
{
    private readonly IKmsGateway _inner;
    private readonly ConcurrentQueue<string> _keyPolicyReads = new();

    public RecordingKmsGateway(IKmsGateway inner)
    {
        _inner = inner;
    }

    /// <summary>The key id or ARN of every GetKeyPolicy call, in order.</summary>
    public IReadOnlyList<string> KeyPolicyReads => [.. _keyPolicyReads];

    public Task<Result<KmsKeyDescription, AwsFailure>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default) =>
        _inner.DescribeKeyAsync(keyIdOrAlias, cancellationToken);

    public Task<Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>> ListUsableKeysAsync(CancellationToken cancellationToken = default) =>
        _inner.ListUsableKeysAsync(cancellationToken);

    public Task<Result<IReadOnlyList<KmsGrant>, AwsFailure>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default) =>
        _inner.ListGrantsAsync(keyArn, cancellationToken);

    public Task<Result<string, AwsFailure>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default)
    {
        _keyPolicyReads.Enqueue(keyArn);
        return _inner.GetKeyPolicyAsync(keyArn, cancellationToken);
    }

    public Task<Result<KmsKeyDescription, AwsFailure>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        _inner.CreateKeyAsync(description, tags, cancellationToken);

    public Task<Result<string, AwsFailure>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default) =>
        _inner.CreateAliasAsync(aliasName, keyArn, cancellationToken);

    public Task<Result<string, AwsFailure>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default) =>
        _inner.PutKeyPolicyAsync(keyArn, policy, cancellationToken);
}
