using IcaKms.Core;
using IcaKms.Core.Aws;

namespace IcaKms.TestKit;

/// <summary>S3: one bucket (the name asked is recorded, not checked) and the objects written into it.</summary>
public sealed partial class InMemoryAws
{
    private readonly Dictionary<string, ObjectHead> _objects = new(StringComparer.Ordinal);

    /// <summary>HeadBucket's region; a failure when the bucket does not exist.</summary>
    public Result<string, AwsFailure> BucketRegion { get; set; } = Ok(SampleAccount.Region);

    public Result<BucketEncryption?, AwsFailure> Encryption { get; set; } = Ok<BucketEncryption?>(SampleAccount.Encryption);

    /// <summary><c>Enabled</c>, <c>Suspended</c>, or null when versioning was never enabled.</summary>
    public Result<string?, AwsFailure> Versioning { get; set; } = Ok<string?>(null);

    public Result<string?, AwsFailure> Ownership { get; set; } = Ok<string?>("BucketOwnerEnforced");

    public Result<PublicAccessBlock?, AwsFailure> PublicAccess { get; set; } = Ok<PublicAccessBlock?>(new PublicAccessBlock(true, true, true, true));

    /// <summary>GetBucketPolicy's answer: no bucket policy by default.</summary>
    public Result<string?, AwsFailure> BucketPolicy { get; set; } = Ok<string?>(null);

    /// <summary>ListObjectsV2's answer for any prefix; creating a folder makes it true.</summary>
    public Result<bool, AwsFailure> PrefixExists { get; set; } = Ok(true);

    /// <summary>The keys of the objects stored (written and not deleted).</summary>
    public IReadOnlyList<string> ObjectKeys
    {
        get
        {
            lock (_lock)
            {
                return [.. _objects.Keys];
            }
        }
    }

    public Task<Result<string, AwsFailure>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:HeadBucket", () => BucketRegion, cancellationToken);

    public Task<Result<BucketEncryption?, AwsFailure>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketEncryption", () => Encryption, cancellationToken);

    public Task<Result<string?, AwsFailure>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketVersioning", () => Versioning, cancellationToken);

    public Task<Result<string?, AwsFailure>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketOwnershipControls", () => Ownership, cancellationToken);

    public Task<Result<PublicAccessBlock?, AwsFailure>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetPublicAccessBlock", () => PublicAccess, cancellationToken);

    public Task<Result<string?, AwsFailure>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync("s3:GetBucketPolicy", () => BucketPolicy, cancellationToken);

    public Task<Result<bool, AwsFailure>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:ListObjectsV2 {prefix}", () => PrefixExists, cancellationToken);

    /// <summary>An existing bucket is <c>BucketAlreadyOwnedByYou</c>; a new one has S3's defaults (SSE-S3, ACLs off, public access blocked).</summary>
    public Task<Result<BucketCreation, AwsFailure>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:CreateBucket {bucket}", () =>
        {
            if (BucketRegion.Succeeded)
            {
                return Ok(new BucketCreation(AlreadyOwnedByYou: true));
            }

            BucketRegion = Ok(region);
            Encryption = Ok<BucketEncryption?>(new BucketEncryption("AES256", null, false, []));
            Versioning = Ok<string?>(null);
            Ownership = Ok<string?>("BucketOwnerEnforced");
            PublicAccess = Ok<PublicAccessBlock?>(new PublicAccessBlock(true, true, true, true));
            PrefixExists = Ok(false);
            return Ok(new BucketCreation(AlreadyOwnedByYou: false));
        }, cancellationToken);

    public Task<Result<BucketEncryption, AwsFailure>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:PutEncryptionConfiguration {bucket}", () =>
        {
            Encryption = Ok<BucketEncryption?>(rule);
            return Ok(rule);
        }, cancellationToken);

    public Task<Result<PublicAccessBlock, AwsFailure>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:PutBucketPublicAccessBlock {bucket}", () =>
        {
            var block = new PublicAccessBlock(true, true, true, true);
            PublicAccess = Ok<PublicAccessBlock?>(block);
            return Ok(block);
        }, cancellationToken);

    public Task<Result<string, AwsFailure>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:PutBucketOwnershipControls {bucket}", () =>
        {
            Ownership = Ok<string?>("BucketOwnerEnforced");
            return Ok("BucketOwnerEnforced");
        }, cancellationToken);

    public Task<Result<ObjectWrite, AwsFailure>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:PutObject {bucket}/{prefix}", () =>
        {
            PrefixExists = Ok(true);
            return Ok(Store(prefix, keyArn, bucketKey: true));
        }, cancellationToken);

    /// <summary>Without a key the bucket's default encryption decides, as S3 does.</summary>
    public Task<Result<ObjectWrite, AwsFailure>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:PutObject {bucket}/{key}", () => Ok(kmsKeyArn is null
            ? Store(key, Encryption.Value?.KmsMasterKeyId, Encryption.Value?.BucketKeyEnabled ?? false, Encryption.Value?.SseAlgorithm)
            : Store(key, kmsKeyArn, bucketKey: true)), cancellationToken);

    public Task<Result<ObjectHead, AwsFailure>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:GetObject {bucket}/{key}", () => _objects.TryGetValue(key, out ObjectHead? head)
            ? Ok(head)
            : NotFound<ObjectHead>("s3:GetObject", $"The object {key} does not exist."), cancellationToken);

    public Task<Result<ObjectDeletion, AwsFailure>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default) =>
        AnswerAsync($"s3:DeleteObject {bucket}/{key}", () =>
        {
            _objects.Remove(key);
            return Ok(new ObjectDeletion(versionId, false));
        }, cancellationToken);

    private ObjectWrite Store(string key, string? keyArn, bool bucketKey, string? algorithm = "aws:kms")
    {
        _objects[key] = new ObjectHead(algorithm, keyArn, bucketKey, null, 0);
        return new ObjectWrite(null, algorithm, keyArn, bucketKey);
    }
}
