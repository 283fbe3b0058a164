using System.Security.Cryptography;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit.Abstractions;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Integration.Tests;

/// <summary>A customer managed key the test created, and the alias it gave it.</summary>
public sealed record CreatedKey(string KeyArn, string KeyId, string AliasName);

/// <summary>
/// Creates a test's own uniquely named resources (KMS key and alias, bucket, objects, IAM user and policy) with SDK
/// clients built as <see cref="Core.Adapters.Aws.AwsClientFactory"/> builds them, and deletes them again in
/// <see cref="DisposeAsync"/>, newest first, best effort: a cleanup that fails is written to the test's output, never
/// thrown over the test's own result. KMS keys cannot be deleted at once: they are scheduled for deletion (7 days).
/// </summary>
public sealed class IntegrationResources : IAsyncDisposable
{
    /// <summary>Every name starts with this, so a run's leftovers are easy to find.</summary>
    public const string NamePrefix = "icakms-it-";

    private const int KeyDeletionWindowDays = 7;
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    private readonly IntegrationSession _session;
    private readonly ITestOutputHelper _output;
    private readonly AmazonS3Client _s3;
    private readonly AmazonKeyManagementServiceClient _kms;
    private readonly Stack<(string What, Func<CancellationToken, Task> Undo)> _cleanups = new();
    private IamAdminClient? _iam;

    public IntegrationResources(IntegrationSession session, ITestOutputHelper output)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _output = output ?? throw new ArgumentNullException(nameof(output));
        AWSCredentials credentials = session.Session.Credentials;
        Uri? endpoint = session.Settings.Endpoint;
        string region = session.Settings.Region;

        AmazonS3Config s3Config = Configure(new AmazonS3Config(), region, endpoint);
        // Emulators answer on one host: the bucket goes in the path (as AwsClientFactory does).
        s3Config.ForcePathStyle = endpoint is not null;
        _s3 = new AmazonS3Client(credentials, s3Config);
        _kms = new AmazonKeyManagementServiceClient(credentials, Configure(new AmazonKeyManagementServiceConfig(), region, endpoint));
    }

    /// <summary>A fresh name: <see cref="NamePrefix"/> and 12 random hex digits (a valid bucket, user, policy or alias name).</summary>
    public static string NewName() => NamePrefix + RandomNumberGenerator.GetHexString(12, lowercase: true);

    /// <summary>Creates a symmetric customer managed key (KMS's default key policy) and an alias for it.</summary>
    public async Task<CreatedKey> CreateKeyWithAliasAsync(CancellationToken cancellationToken)
    {
        CreateKeyResponse created = await _kms.CreateKeyAsync(
            new CreateKeyRequest
            {
                KeySpec = KeySpec.SYMMETRIC_DEFAULT,
                KeyUsage = KeyUsageType.ENCRYPT_DECRYPT,
                Description = "IcaKms integration test key (safe to delete)",
            },
            cancellationToken);
        string keyArn = created.KeyMetadata.Arn;
        string keyId = created.KeyMetadata.KeyId;
        Track($"KMS key {keyArn}", "schedule the deletion of", token => _kms.ScheduleKeyDeletionAsync(
            new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = KeyDeletionWindowDays }, token));

        string alias = "alias/" + NewName();
        await _kms.CreateAliasAsync(new CreateAliasRequest { AliasName = alias, TargetKeyId = keyId }, cancellationToken);
        Track($"KMS alias {alias}", "delete", token => _kms.DeleteAliasAsync(new DeleteAliasRequest { AliasName = alias }, token));
        return new CreatedKey(keyArn, keyId, alias);
    }

    /// <summary>Creates an empty bucket in the test region and returns its name.</summary>
    public async Task<string> CreateBucketAsync(CancellationToken cancellationToken)
    {
        string bucket = NewName();
        string region = _session.Settings.Region;
        await _s3.PutBucketAsync(
            new PutBucketRequest
            {
                BucketName = bucket,
                UseClientRegion = false,
                // us-east-1 takes no location constraint (S3 refuses one naming it).
                BucketRegionName = region == "us-east-1" ? null : region,
            },
            cancellationToken);
        Track($"bucket {bucket}", "empty and delete", token => DeleteBucketAsync(bucket, token));
        return bucket;
    }

    /// <summary>
    /// Sets default encryption to SSE-KMS with the key and Bucket Key on. The key is sent as given (key ARN, key id,
    /// alias ARN, or a key that does not exist): S3 does not check it when the default is set.
    /// </summary>
    public Task UseKmsDefaultEncryptionAsync(string bucket, string keyArn, CancellationToken cancellationToken) =>
        PutDefaultEncryptionAsync(
            bucket,
            new ServerSideEncryptionRule
            {
                ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
                {
                    ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AWSKMS,
                    ServerSideEncryptionKeyManagementServiceKeyId = keyArn,
                },
                BucketKeyEnabled = true,
            },
            cancellationToken);

    /// <summary>Sets default encryption to SSE-S3 (AES256).</summary>
    public Task UseAes256DefaultEncryptionAsync(string bucket, CancellationToken cancellationToken) =>
        PutDefaultEncryptionAsync(
            bucket,
            new ServerSideEncryptionRule
            {
                ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 },
            },
            cancellationToken);

    /// <summary>Enables versioning, then suspends it: the bucket can never be unversioned again.</summary>
    public async Task SuspendVersioningAsync(string bucket, CancellationToken cancellationToken)
    {
        await PutVersioningAsync(bucket, VersionStatus.Enabled, cancellationToken);
        await PutVersioningAsync(bucket, VersionStatus.Suspended, cancellationToken);
    }

    /// <summary>Creates the prefix folder (an empty object named <c>prefix/</c>) encrypted with the key, as ICA's help asks.</summary>
    public Task CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken) =>
        _s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = bucket,
                Key = prefix,
                ContentBody = string.Empty,
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                ServerSideEncryptionKeyManagementServiceKeyId = keyArn,
            },
            cancellationToken);

    /// <summary>Creates an IAM user and a managed policy with the document, attaches it, and returns the policy ARN.</summary>
    public async Task<string> CreateUserWithPolicyAsync(string userName, string policyDocument, CancellationToken cancellationToken)
    {
        IamAdminClient iam = await CreateUserAsync(userName, cancellationToken);
        string policyArn = await CreateManagedPolicyAsync(iam, policyDocument, cancellationToken);
        await iam.AttachUserPolicyAsync(userName, policyArn, cancellationToken);
        Track($"attachment of {policyArn} to {userName}", "delete the", token => iam.DetachUserPolicyAsync(userName, policyArn, token));
        return policyArn;
    }

    /// <summary>
    /// Creates an IAM user with no policy of its own, a group with a managed policy holding the document attached, and
    /// puts the user in the group; returns the group's name and the policy ARN.
    /// </summary>
    public async Task<(string Group, string PolicyArn)> CreateUserInGroupWithPolicyAsync(string userName, string policyDocument, CancellationToken cancellationToken)
    {
        IamAdminClient iam = await CreateUserAsync(userName, cancellationToken);
        string group = NewName();
        await iam.CreateGroupAsync(group, cancellationToken);
        Track($"IAM group {group}", "delete", token => iam.DeleteGroupAsync(group, token));
        string policyArn = await CreateManagedPolicyAsync(iam, policyDocument, cancellationToken);
        await iam.AttachGroupPolicyAsync(group, policyArn, cancellationToken);
        Track($"attachment of {policyArn} to group {group}", "delete the", token => iam.DetachGroupPolicyAsync(group, policyArn, token));
        await iam.AddUserToGroupAsync(group, userName, cancellationToken);
        Track($"membership of {userName} in group {group}", "delete the", token => iam.RemoveUserFromGroupAsync(group, userName, token));
        return (group, policyArn);
    }

    /// <summary>Creates an IAM user whose only policy is an inline one with the document; returns the inline policy's name.</summary>
    public async Task<string> CreateUserWithInlinePolicyAsync(string userName, string policyDocument, CancellationToken cancellationToken)
    {
        IamAdminClient iam = await CreateUserAsync(userName, cancellationToken);
        string policyName = NewName();
        await iam.PutUserPolicyAsync(userName, policyName, policyDocument, cancellationToken);
        Track($"inline policy {policyName} of {userName}", "delete", token => iam.DeleteUserPolicyAsync(userName, policyName, token));
        return policyName;
    }

    /// <summary>Deletes everything created, newest first; each failure is written to the output and the rest go on.</summary>
    public async ValueTask DisposeAsync()
    {
        while (_cleanups.TryPop(out (string What, Func<CancellationToken, Task> Undo) cleanup))
        {
            using var deadline = new CancellationTokenSource(CleanupTimeout);
            try
            {
                await cleanup.Undo(deadline.Token);
                _output.WriteLine($"Cleanup: {cleanup.What}: done.");
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException
                or InvalidOperationException or OperationCanceledException)
            {
                // Best effort: a leftover is named here (all start with NamePrefix) rather than failing a test that passed.
                _output.WriteLine($"Cleanup: could not {cleanup.What}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        _iam?.Dispose();
        _s3.Dispose();
        _kms.Dispose();
    }

    private async Task<IamAdminClient> CreateUserAsync(string userName, CancellationToken cancellationToken)
    {
        _iam ??= IamAdminClient.Create(_session.Session.Credentials, _session.Settings.Endpoint);
        IamAdminClient iam = _iam;
        await iam.CreateUserAsync(userName, cancellationToken);
        Track($"IAM user {userName}", "delete", token => iam.DeleteUserAsync(userName, token));
        return iam;
    }

    private async Task<string> CreateManagedPolicyAsync(IamAdminClient iam, string policyDocument, CancellationToken cancellationToken)
    {
        string policyArn = await iam.CreatePolicyAsync(NewName(), policyDocument, cancellationToken);
        Track($"IAM policy {policyArn}", "delete", token => iam.DeletePolicyAsync(policyArn, token));
        return policyArn;
    }

    private static TConfig Configure<TConfig>(TConfig config, string region, Uri? endpoint)
        where TConfig : ClientConfig
    {
        config.Timeout = TimeSpan.FromSeconds(30);
        config.MaxErrorRetry = 3;
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = region;
        }

        return config;
    }

    /// <summary>Names a created resource in the output and remembers how to remove it.</summary>
    private void Track(string resource, string undoVerb, Func<CancellationToken, Task> undo)
    {
        _output.WriteLine($"Created: {resource}");
        _cleanups.Push(($"{undoVerb} {resource}", undo));
    }

    private Task PutDefaultEncryptionAsync(string bucket, ServerSideEncryptionRule rule, CancellationToken cancellationToken) =>
        _s3.PutBucketEncryptionAsync(
            new PutBucketEncryptionRequest
            {
                BucketName = bucket,
                ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration { ServerSideEncryptionRules = [rule] },
            },
            cancellationToken);

    private Task PutVersioningAsync(string bucket, VersionStatus status, CancellationToken cancellationToken) =>
        _s3.PutBucketVersioningAsync(
            new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = status } },
            cancellationToken);

    /// <summary>Deletes every object version and delete marker, then the bucket.</summary>
    private async Task DeleteBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var request = new ListVersionsRequest { BucketName = bucket };
        while (true)
        {
            ListVersionsResponse page = await _s3.ListVersionsAsync(request, cancellationToken);
            foreach (S3ObjectVersion version in page.Versions ?? [])
            {
                await _s3.DeleteObjectAsync(
                    new DeleteObjectRequest { BucketName = bucket, Key = version.Key, VersionId = version.VersionId },
                    cancellationToken);
            }

            if (page.IsTruncated != true)
            {
                break;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }

        await _s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }, cancellationToken);
    }
}
