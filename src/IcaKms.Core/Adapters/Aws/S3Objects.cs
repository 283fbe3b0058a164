using Amazon.S3;
using Amazon.S3.Model;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>S3 objects over the SDK: whether a prefix holds any, and writing, reading the head of and deleting one.</summary>
internal sealed class S3Objects(S3Calls s3)
{
    /// <inheritdoc cref="IS3Gateway.PrefixExistsAsync"/>
    public Task<Result<bool, AwsFailure>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        return s3.Call("s3:ListObjectsV2", "s3:ListBucket", bucket).RunAsync(
            async token =>
            {
                ListObjectsV2Response response = await s3.Sdk.ListObjectsV2Async(
                    new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1 }, token).ConfigureAwait(false);
                return response.KeyCount > 0 || response.S3Objects is { Count: > 0 };
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.CreateFolderAsync"/>
    public Task<Result<ObjectWrite, AwsFailure>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException($"A folder object's key ends with '/': '{prefix}'.", nameof(prefix));
        }

        return PutAsync(bucket, prefix, "", keyArn, cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.PutObjectAsync"/>
    public Task<Result<ObjectWrite, AwsFailure>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(content);
        return PutAsync(bucket, key, content, kmsKeyArn, cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.HeadObjectAsync"/>
    public Task<Result<ObjectHead, AwsFailure>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var request = new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = versionId };
        return s3.Call("s3:HeadObject", versionId is null ? "s3:GetObject" : "s3:GetObjectVersion", ObjectResource(bucket, key)).RunAsync(
            async token =>
            {
                GetObjectMetadataResponse response = await s3.Sdk.GetObjectMetadataAsync(request, token).ConfigureAwait(false);
                return new ObjectHead(
                    NullIfEmpty(response.ServerSideEncryptionMethod?.Value),
                    NullIfEmpty(response.ServerSideEncryptionKeyManagementServiceKeyId),
                    response.BucketKeyEnabled ?? false,
                    NullIfEmpty(response.VersionId),
                    response.ContentLength);
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.DeleteObjectAsync"/>
    public Task<Result<ObjectDeletion, AwsFailure>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var request = new DeleteObjectRequest { BucketName = bucket, Key = key, VersionId = versionId };
        return s3.Call("s3:DeleteObject", versionId is null ? "s3:DeleteObject" : "s3:DeleteObjectVersion", ObjectResource(bucket, key)).RunAsync(
            async token =>
            {
                DeleteObjectResponse response = await s3.Sdk.DeleteObjectAsync(request, token).ConfigureAwait(false);
                return new ObjectDeletion(NullIfEmpty(response.VersionId), IsTrue(response.DeleteMarker));
            },
            cancellationToken);
    }

    private Task<Result<ObjectWrite, AwsFailure>> PutAsync(string bucket, string key, string content, string? kmsKeyArn, CancellationToken cancellationToken)
    {
        AwsCall call = s3.Call("s3:PutObject", "s3:PutObject", ObjectResource(bucket, key));
        if (kmsKeyArn is not null && !S3Calls.IsKeyArn(kmsKeyArn))
        {
            return Task.FromResult(Result<ObjectWrite, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.Refused, call.Action, call.Resource, null,
                $"s3:PutObject was not sent: the object must be encrypted under the full KMS key ARN, not {kmsKeyArn}.")));
        }

        var request = new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = content, ContentType = "text/plain" };
        if (kmsKeyArn is not null)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyArn;
            request.BucketKeyEnabled = true;
        }

        return call.RunAsync(
            async token =>
            {
                PutObjectResponse response = await s3.Sdk.PutObjectAsync(request, token).ConfigureAwait(false);
                return new ObjectWrite(
                    NullIfEmpty(response.VersionId),
                    NullIfEmpty(response.ServerSideEncryptionMethod?.Value),
                    NullIfEmpty(response.ServerSideEncryptionKeyManagementServiceKeyId),
                    response.BucketKeyEnabled ?? false);
            },
            cancellationToken);
    }

    private static string ObjectResource(string bucket, string key) => $"{bucket}/{key}";

    private static bool IsTrue(object? flag) => flag switch
    {
        bool value => value,
        string text => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
