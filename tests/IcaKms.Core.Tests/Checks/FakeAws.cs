using System.Collections.Concurrent;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Tests.Checks;

/// <summary>
/// In-memory gateways answering from settable results, recording every call by name ("s3:GetBucketVersioning",
/// "kms:DescribeKey alias/x", …) and letting a test hold any call at <see cref="OnCall"/> before it answers.
/// </summary>
internal sealed class FakeAws : IS3Gateway, IKmsGateway, IIamGateway, IStsGateway
{
    /// <summary>The S3 and KMS writes are tested against the real SDK clients, not through this in-memory fake.</summary>
    private const string WritesNotModelled = "This in-memory fake answers the reads of the live inspection only.";

    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Runs when a call starts, before it answers (await a gate here; throw to simulate a gateway bug).</summary>
    public Func<string, CancellationToken, Task> OnCall { get; set; } = (_, _) => Task.CompletedTask;

    public AwsGateways Gateways => new(this, this, this, this);

    public AwsResult<string> BucketRegion { get; set; } = Live.Ok(Live.Region);

    public AwsResult<BucketEncryption?> Encryption { get; set; } = Live.Ok<BucketEncryption?>(Live.Encryption);

    public AwsResult<string?> Versioning { get; set; } = Live.Ok<string?>(null);

    public AwsResult<string?> Ownership { get; set; } = Live.Ok<string?>("BucketOwnerEnforced");

    public AwsResult<PublicAccessBlock?> PublicAccess { get; set; } = Live.Ok<PublicAccessBlock?>(new PublicAccessBlock(true, true, true, true));

    public AwsResult<bool> PrefixExists { get; set; } = Live.Ok(true);

    /// <summary>DescribeKey answers by the key as asked (ARN, id or alias); anything else is not found.</summary>
    public Dictionary<string, AwsResult<KmsKeyDescription>> Keys { get; } = new(StringComparer.Ordinal) { [Live.KeyArn] = Live.Ok(Live.Key) };

    public AwsResult<string> KeyPolicy { get; set; } = Live.Ok(Live.KeyPolicy(Live.RootStatement, Live.CrossAccountStatement));

    /// <summary>ListGrants' answer (no grants by default).</summary>
    public AwsResult<IReadOnlyList<KmsGrant>> Grants { get; set; } = AwsResult<IReadOnlyList<KmsGrant>>.Ok([]);

    /// <summary>GetBucketPolicy's answer (no bucket policy by default).</summary>
    public AwsResult<string?> BucketPolicy { get; set; } = Live.Ok<string?>(null);

    /// <summary>The key ids GetKeyPolicy was asked with, in order.</summary>
    public ConcurrentQueue<string> KeyPolicyAskedWith { get; } = new();

    public AwsResult<IReadOnlyList<AttachedPolicy>> Attached { get; set; } =
        AwsResult<IReadOnlyList<AttachedPolicy>>.Ok([new AttachedPolicy("ica-kms", Live.PolicyArn)]);

    /// <summary>GetPolicyDefaultVersion answers by policy ARN; anything else is not found.</summary>
    public Dictionary<string, AwsResult<ManagedPolicyVersion>> Versions { get; } = new(StringComparer.Ordinal)
    {
        [Live.PolicyArn] = Live.Ok(Live.ManagedVersion(Live.IamPolicy())),
    };

    /// <summary>ListUserPolicies' answer (the user's inline policy names).</summary>
    public AwsResult<IReadOnlyList<string>> UserInline { get; set; } = AwsResult<IReadOnlyList<string>>.Ok([]);

    /// <summary>ListGroupsForUser's answer.</summary>
    public AwsResult<IReadOnlyList<string>> Groups { get; set; } = AwsResult<IReadOnlyList<string>>.Ok([]);

    /// <summary>ListAttachedGroupPolicies answers by group; a group not here has none.</summary>
    public Dictionary<string, AwsResult<IReadOnlyList<AttachedPolicy>>> GroupAttached { get; } = new(StringComparer.Ordinal);

    /// <summary>ListGroupPolicies answers by group; a group not here has none.</summary>
    public Dictionary<string, AwsResult<IReadOnlyList<string>>> GroupInline { get; } = new(StringComparer.Ordinal);

    /// <summary>GetUserPolicy / GetGroupPolicy documents by "user/name" or "group/name"; anything else is not found.</summary>
    public Dictionary<string, string> InlineDocuments { get; } = new(StringComparer.Ordinal);

    public Task<AwsResult<string>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:HeadBucket", BucketRegion, cancellationToken);

    public Task<AwsResult<BucketEncryption?>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketEncryption", Encryption, cancellationToken);

    public Task<AwsResult<string?>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketVersioning", Versioning, cancellationToken);

    public Task<AwsResult<string?>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketOwnershipControls", Ownership, cancellationToken);

    public Task<AwsResult<PublicAccessBlock?>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetPublicAccessBlock", PublicAccess, cancellationToken);

    public Task<AwsResult<string?>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketPolicy", BucketPolicy, cancellationToken);

    public Task<AwsResult<bool>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:ListObjectsV2 {prefix}", PrefixExists, cancellationToken);

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
        AnswerAsync(
            $"kms:DescribeKey {keyIdOrAlias}",
            Keys.TryGetValue(keyIdOrAlias, out AwsResult<KmsKeyDescription>? key)
                ? key
                : Live.Failed<KmsKeyDescription>(AwsFailureKind.NotFound, "kms:DescribeKey", $"Key {keyIdOrAlias} is not found."),
            cancellationToken);

    public Task<AwsResult<IReadOnlyList<KmsKeyChoice>>> ListUsableKeysAsync(CancellationToken cancellationToken = default) =>
        AnswerAsync("kms:ListKeys", AwsResult<IReadOnlyList<KmsKeyChoice>>.Ok([]), cancellationToken);

    /// <summary>Like KMS, GetKeyPolicy takes a key id or key ARN only: an alias name or alias ARN is not found.</summary>
    public Task<AwsResult<string>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default)
    {
        KeyPolicyAskedWith.Enqueue(keyArn);
        bool alias = keyArn.StartsWith("alias/", StringComparison.Ordinal) || keyArn.Contains(":alias/", StringComparison.Ordinal);
        return AnswerAsync(
            "kms:GetKeyPolicy",
            alias ? Live.Failed<string>(AwsFailureKind.NotFound, "kms:GetKeyPolicy", $"Invalid keyId {keyArn}") : KeyPolicy,
            cancellationToken);
    }

    public Task<AwsResult<IReadOnlyList<KmsGrant>>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync("kms:ListGrants", Grants, cancellationToken);

    public Task<AwsResult<KmsKeyDescription>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<ManagedPolicyVersion>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            $"iam:GetPolicyVersion {policyArn}",
            Versions.TryGetValue(policyArn, out AwsResult<ManagedPolicyVersion>? version)
                ? version
                : Live.Failed<ManagedPolicyVersion>(AwsFailureKind.NotFound, "iam:GetPolicyVersion", $"Policy {policyArn} was not found."),
            cancellationToken);

    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync("iam:ListAttachedUserPolicies", Attached, cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync("iam:ListUserPolicies", UserInline, cancellationToken);

    public Task<AwsResult<InlinePolicy>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:GetUserPolicy {userName}/{policyName}", Inline("iam:GetUserPolicy", $"{userName}/{policyName}", policyName), cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync("iam:ListGroupsForUser", Groups, cancellationToken);

    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            $"iam:ListAttachedGroupPolicies {groupName}",
            GroupAttached.TryGetValue(groupName, out AwsResult<IReadOnlyList<AttachedPolicy>>? attached) ? attached : AwsResult<IReadOnlyList<AttachedPolicy>>.Ok([]),
            cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            $"iam:ListGroupPolicies {groupName}",
            GroupInline.TryGetValue(groupName, out AwsResult<IReadOnlyList<string>>? names) ? names : AwsResult<IReadOnlyList<string>>.Ok([]),
            cancellationToken);

    public Task<AwsResult<InlinePolicy>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:GetGroupPolicy {groupName}/{policyName}", Inline("iam:GetGroupPolicy", $"{groupName}/{policyName}", policyName), cancellationToken);

    public Task<AwsResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<IReadOnlyList<PolicyVersionInfo>>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<IReadOnlyList<string>>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<CreatedAccessKey>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<IamUser>> CreateUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<CreatedPolicy>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<DeletedPolicyVersion>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    public Task<AwsResult<UserPolicyAttachment>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of the inspection tests.");

    private AwsResult<InlinePolicy> Inline(string action, string key, string policyName) =>
        InlineDocuments.TryGetValue(key, out string? document)
            ? Live.Ok(new InlinePolicy(policyName, document))
            : Live.Failed<InlinePolicy>(AwsFailureKind.NotFound, action, $"The inline policy {key} cannot be found.");

    public Task<AwsResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        AnswerAsync("sts:GetCallerIdentity", Live.Ok(new CallerIdentity(Live.Account, Live.UserArn, "AIDAEXAMPLE")), cancellationToken);

    private async Task<AwsResult<T>> AnswerAsync<T>(string call, AwsResult<T> result, CancellationToken cancellationToken)
    {
        _calls.Enqueue(call);
        await OnCall(call, cancellationToken);
        return result;
    }
}

/// <summary>
/// Holds the named calls until every one of them has started, then lets them all answer: an inspection that waited
/// for one of them before starting another would never get past it (the test's deadline then cancels it).
/// </summary>
internal sealed class StartGate
{
    private readonly HashSet<string> _waitingFor;
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();

    public StartGate(IEnumerable<string> calls)
    {
        _waitingFor = new HashSet<string>(calls, StringComparer.Ordinal);
    }

    public bool IsOpen => _open.Task.IsCompleted;

    public Task OnCall(string call, CancellationToken cancellationToken)
    {
        bool gated;
        lock (_lock)
        {
            gated = _waitingFor.Remove(call);
            if (_waitingFor.Count == 0)
            {
                _open.TrySetResult();
            }
        }

        return gated ? _open.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }
}
