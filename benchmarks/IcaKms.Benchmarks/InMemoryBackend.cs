using IcaKms.Core.Aws;

namespace IcaKms.Benchmarks;

/// <summary>
/// In-memory gateways answering <see cref="Scenario"/> after waiting a fixed latency per call: the delay is the
/// point here, it stands for the network round trip of each AWS call.
/// </summary>
internal sealed class InMemoryBackend : IInspectionBackend, IS3Gateway, IKmsGateway, IIamGateway, IStsGateway
{
    /// <summary>The S3 and KMS writes are tested against the real SDK clients, not through this in-memory fake.</summary>
    private const string WritesNotModelled = "This in-memory fake answers the reads of the live inspection only.";

    private readonly TimeSpan _latency;
    private readonly int _attachedPolicies;

    public InMemoryBackend(TimeSpan latency, int attachedPolicies)
    {
        _latency = latency;
        _attachedPolicies = attachedPolicies;
        Gateways = new AwsGateways(this, this, this, this);
    }

    public string Name => "in-memory";

    public (int Depth, string Description) SlowestChain => (2, "encryption → DescribeKey; user → policy versions");

    public AwsGateways Gateways { get; }

    public CallLedger Ledger { get; } = new();

    private static KmsKeyDescription Key { get; } = new(
        Scenario.KeyArn, Scenario.KeyId, Scenario.Region, Scenario.Account, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Each call records itself as it answers.
    public void Settle()
    {
    }

    public Task<AwsResult<string>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync(Scenario.Region, cancellationToken);

    public Task<AwsResult<BucketEncryption?>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync<BucketEncryption?>(new BucketEncryption("aws:kms", Scenario.KeyAlias, true, ["SSE-C"]), cancellationToken);

    public Task<AwsResult<string?>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync<string?>(null, cancellationToken);

    public Task<AwsResult<string?>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync<string?>("BucketOwnerEnforced", cancellationToken);

    public Task<AwsResult<string?>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync<string?>(null, cancellationToken);

    public Task<AwsResult<IReadOnlyList<KmsGrant>>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync<IReadOnlyList<KmsGrant>>([], cancellationToken);

    public Task<AwsResult<PublicAccessBlock?>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync<PublicAccessBlock?>(new PublicAccessBlock(true, true, true, true), cancellationToken);

    public Task<AwsResult<bool>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        AnswerAsync(true, cancellationToken);

    public Task<AwsResult<BucketCreation>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<BucketEncryption>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<PublicAccessBlock>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<ObjectWrite>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<ObjectWrite>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<ObjectHead>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<ObjectDeletion>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<KmsKeyDescription>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default) =>
        AnswerAsync(Key, cancellationToken);

    public Task<AwsResult<IReadOnlyList<KmsKeyChoice>>> ListUsableKeysAsync(CancellationToken cancellationToken = default) =>
        AnswerAsync<IReadOnlyList<KmsKeyChoice>>([new KmsKeyChoice(Scenario.KeyArn, [Scenario.KeyAlias], "bench")], cancellationToken);

    public Task<AwsResult<string>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync(Scenario.KeyPolicy, cancellationToken);

    public Task<AwsResult<KmsKeyDescription>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<ManagedPolicyVersion>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        int index = Enumerable.Range(0, _attachedPolicies).FirstOrDefault(i => Scenario.PolicyArn(i) == policyArn);
        return AnswerAsync(new ManagedPolicyVersion(policyArn, "v1", Scenario.PolicyDocument(index)), cancellationToken);
    }

    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync<IReadOnlyList<AttachedPolicy>>(
            [.. Enumerable.Range(0, _attachedPolicies).Select(i => new AttachedPolicy($"bench-{i}", Scenario.PolicyArn(i)))],
            cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync<IReadOnlyList<string>>([], cancellationToken);

    public Task<AwsResult<InlinePolicy>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default) =>
        AnswerAsync(new InlinePolicy(policyName, Scenario.PolicyDocument(1)), cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync<IReadOnlyList<string>>([], cancellationToken);

    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        AnswerAsync<IReadOnlyList<AttachedPolicy>>([], cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        AnswerAsync<IReadOnlyList<string>>([], cancellationToken);

    public Task<AwsResult<InlinePolicy>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default) =>
        AnswerAsync(new InlinePolicy(policyName, Scenario.PolicyDocument(1)), cancellationToken);

    public Task<AwsResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<IReadOnlyList<PolicyVersionInfo>>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<IReadOnlyList<string>>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<CreatedAccessKey>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<IamUser>> CreateUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<CreatedPolicy>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<DeletedPolicyVersion>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<UserPolicyAttachment>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection benchmarks.");

    public Task<AwsResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        AnswerAsync(new CallerIdentity(Scenario.Account, $"arn:aws:iam::{Scenario.Account}:user/{Scenario.User}", "AIDABENCH"), cancellationToken);

    private async Task<AwsResult<T>> AnswerAsync<T>(T value, CancellationToken cancellationToken)
    {
        Ledger.Record(_latency);
        await Task.Delay(_latency, cancellationToken);
        return AwsResult<T>.Ok(value);
    }
}
