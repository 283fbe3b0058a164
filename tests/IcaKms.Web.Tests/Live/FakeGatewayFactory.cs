using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Web.Tests.Live;

/// <summary>
/// In-memory AWS for component tests: one bucket (versioning Suspended, SSE-KMS with <see cref="KeyArn"/>),
/// one key with an alias, one user with the spec's policy. Credentials are accepted when the access key id
/// starts with <see cref="GoodKeyPrefix"/>; the caller ARN names the key id so two sessions can be told apart.
/// </summary>
internal sealed class FakeGatewayFactory : IAwsGatewayFactory, IS3Gateway, IKmsGateway, IIamGateway, IStsGateway
{
    /// <summary>The S3 and KMS writes are tested against the real SDK clients, not through this in-memory fake.</summary>
    private const string WritesNotModelled = "This in-memory fake answers the reads of the live inspection only.";

    public const string GoodKeyPrefix = "ASIAGOOD";
    public const string Account = "123456789012";
    public const string Bucket = "lab-ica-data";
    public const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public string? VersioningStatus { get; set; } = "Suspended";

    public bool PrefixExists { get; set; }

    public int InspectionCalls { get; private set; }

    public int IdentifyCalls { get; private set; }

    public AwsGateways Create(AwsSession session, string region) => new(this, this, this, this);

    public Task<AwsResult<CallerIdentity>> IdentifyAsync(AWSCredentials credentials, string region, CancellationToken cancellationToken = default)
    {
        IdentifyCalls++;
        string keyId = credentials.GetCredentials().AccessKey;
        return Task.FromResult(keyId.StartsWith(GoodKeyPrefix, StringComparison.Ordinal)
            ? AwsResult<CallerIdentity>.Ok(new CallerIdentity(Account, $"arn:aws:sts::{Account}:assumed-role/admin/{keyId}", "AROAEXAMPLE"))
            : AwsResult<CallerIdentity>.Fail(new AwsFailure(AwsFailureKind.InvalidCredentials, "sts:GetCallerIdentity", null, "InvalidClientTokenId",
                "Your credentials were refused (InvalidClientTokenId): paste fresh temporary credentials.")));
    }

    public string BucketRegion { get; set; } = "us-east-1";

    public Task<AwsResult<string>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<string>.Ok(BucketRegion), cancellationToken);

    public Task<AwsResult<BucketEncryption?>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<BucketEncryption?>.Ok(new BucketEncryption("aws:kms", KeyArn, true, [])), cancellationToken);

    public Task<AwsResult<string?>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<string?>.Ok(VersioningStatus), cancellationToken);

    public Task<AwsResult<string?>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<string?>.Ok("BucketOwnerEnforced"), cancellationToken);

    public Task<AwsResult<string?>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<string?>.Ok(null), cancellationToken);

    public Task<AwsResult<IReadOnlyList<KmsGrant>>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<IReadOnlyList<KmsGrant>>.Ok([]), cancellationToken);

    public Task<AwsResult<PublicAccessBlock?>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<PublicAccessBlock?>.Ok(new PublicAccessBlock(true, true, true, true)), cancellationToken);

    public Task<AwsResult<bool>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<bool>.Ok(PrefixExists), cancellationToken);

    public Task<AwsResult<BucketCreation>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<BucketEncryption>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<PublicAccessBlock>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    /// <summary>The writes made, in order (the folder and the verification object are modelled).</summary>
    public List<string> Writes { get; } = [];

    public Task<AwsResult<ObjectWrite>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default)
    {
        Writes.Add($"CreateFolder {bucket}/{prefix}");
        PrefixExists = true;
        return Answer(AwsResult<ObjectWrite>.Ok(new ObjectWrite(null, "aws:kms", keyArn, true)), cancellationToken);
    }

    public Task<AwsResult<ObjectWrite>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default)
    {
        Writes.Add($"PutObject {bucket}/{key}");
        return Answer(AwsResult<ObjectWrite>.Ok(new ObjectWrite(null, "aws:kms", KeyArn, true)), cancellationToken);
    }

    public Task<AwsResult<ObjectHead>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<ObjectHead>.Ok(new ObjectHead("aws:kms", KeyArn, true, null, 0)), cancellationToken);

    public Task<AwsResult<ObjectDeletion>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default)
    {
        Writes.Add($"DeleteObject {bucket}/{key}");
        return Answer(AwsResult<ObjectDeletion>.Ok(new ObjectDeletion(null, false)), cancellationToken);
    }

    public Task<AwsResult<KmsKeyDescription>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<KmsKeyDescription>.Ok(new KmsKeyDescription(KeyArn, "1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1", Account,
            "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Enabled", "CUSTOMER", false, null)), cancellationToken);

    public Task<AwsResult<IReadOnlyList<KmsKeyChoice>>> ListUsableKeysAsync(CancellationToken cancellationToken = default) =>
        Answer(AwsResult<IReadOnlyList<KmsKeyChoice>>.Ok([new KmsKeyChoice(KeyArn, ["alias/ica-data"], "ICA data")]), cancellationToken);

    public Task<AwsResult<string>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<string>.Ok($$"""{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"}]}"""), cancellationToken);

    public Task<AwsResult<KmsKeyDescription>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<string>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(WritesNotModelled);

    public Task<AwsResult<ManagedPolicyVersion>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<ManagedPolicyVersion>.Ok(new ManagedPolicyVersion(policyArn, "v1",
            Core.Policies.PolicyJson.Serialize(Core.Policies.IcaIamPolicy.Create(Bucket, KeyArn, Core.Policies.PolicyVariant.Unversioned)))), cancellationToken);

    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<IReadOnlyList<AttachedPolicy>>.Ok([new AttachedPolicy("ica-kms", $"arn:aws:iam::{Account}:policy/ica-kms")]), cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<IReadOnlyList<string>>.Ok([]), cancellationToken);

    public Task<AwsResult<InlinePolicy>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<InlinePolicy>.Fail(new AwsFailure(AwsFailureKind.NotFound, "iam:GetUserPolicy", policyName, "NoSuchEntity", $"No inline policy {policyName}.")), cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<IReadOnlyList<string>>.Ok([]), cancellationToken);

    public Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<IReadOnlyList<AttachedPolicy>>.Ok([]), cancellationToken);

    public Task<AwsResult<IReadOnlyList<string>>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<IReadOnlyList<string>>.Ok([]), cancellationToken);

    public Task<AwsResult<InlinePolicy>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default) =>
        Answer(AwsResult<InlinePolicy>.Fail(new AwsFailure(AwsFailureKind.NotFound, "iam:GetGroupPolicy", policyName, "NoSuchEntity", $"No inline policy {policyName}.")), cancellationToken);

    public Task<AwsResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of these tests.");

    public Task<AwsResult<IReadOnlyList<PolicyVersionInfo>>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of these tests.");

    /// <summary>The secret of every access key <see cref="CreateAccessKeyAsync"/> makes (tests look for it in the page).</summary>
    public const string NewAccessKeySecret = "NewKeySecretFromIam/0123456789abcdefGHIJ";

    /// <summary>The ids of the access keys made so far.</summary>
    public List<string> CreatedAccessKeys { get; } = [];

    public Task<AwsResult<IReadOnlyList<string>>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default) =>
        Task.FromResult(AwsResult<IReadOnlyList<string>>.Ok([.. CreatedAccessKeys]));

    public Task<AwsResult<CreatedAccessKey>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default)
    {
        string id = $"AKIAFAKENEWKEY{CreatedAccessKeys.Count:D6}";
        CreatedAccessKeys.Add(id);
        return Task.FromResult(AwsResult<CreatedAccessKey>.Ok(new CreatedAccessKey(userName, id, NewAccessKeySecret)));
    }

    public Task<AwsResult<IamUser>> CreateUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of these tests.");

    public Task<AwsResult<CreatedPolicy>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of these tests.");

    public Task<AwsResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of these tests.");

    public Task<AwsResult<DeletedPolicyVersion>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of these tests.");

    public Task<AwsResult<UserPolicyAttachment>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM writes are not part of these tests.");

    public Task<AwsResult<CallerIdentity>> GetCallerIdentityAsync(CancellationToken cancellationToken = default) =>
        Answer(AwsResult<CallerIdentity>.Ok(new CallerIdentity(Account, $"arn:aws:iam::{Account}:user/admin", "AIDAEXAMPLE")), cancellationToken);

    /// <summary>When set, every call waits for it before answering (to hold calls in flight).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Whether held calls end when their cancellation token is cancelled (the real gateways do).</summary>
    public bool HonourCancellation { get; set; } = true;

    /// <summary>How many calls are waiting at <see cref="Gate"/>.</summary>
    public int HeldCalls => _held;

    private int _held;

    private async Task<T> Answer<T>(T result, CancellationToken cancellationToken)
    {
        InspectionCalls++;
        if (Gate is { } gate)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await (HonourCancellation ? gate.Task.WaitAsync(cancellationToken) : gate.Task);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        return result;
    }
}
