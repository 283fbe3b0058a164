using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// A bucket's settings over the SDK, read and written: default encryption, versioning, object ownership, the public
/// access block, and the bucket policy (read only).
/// </summary>
internal sealed class S3BucketSettings(S3Calls s3)
{
    /// <inheritdoc cref="IS3Gateway.GetDefaultEncryptionAsync"/>
    /// <remarks>
    /// The SDK turns every 404 of GetBucketEncryption into an empty answer, losing the error code that tells "no
    /// configuration" (<c>ServerSideEncryptionConfigurationNotFoundError</c>) from <c>NoSuchBucket</c>; on a 404
    /// HeadBucket tells which one it was.
    /// </remarks>
    public async Task<Result<BucketEncryption?, AwsFailure>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        var call = s3.Call("s3:GetBucketEncryption", "s3:GetEncryptionConfiguration", bucket);
        Result<GetBucketEncryptionResponse, AwsFailure> response = await call.RunAsync(
            token => s3.Sdk.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, token),
            "ServerSideEncryptionConfigurationNotFoundError",
            cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return Result<BucketEncryption?, AwsFailure>.Fail(response.Failure!);
        }

        if (response.Value?.HttpStatusCode == HttpStatusCode.NotFound)
        {
            Result<HeadBucketResponse, AwsFailure> head = await s3.HeadBucket(bucket).RunAsync(
                token => s3.Sdk.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, token),
                cancellationToken).ConfigureAwait(false);
            return head.Failure switch
            {
                null or { Kind: AwsFailureKind.AccessDenied or AwsFailureKind.Other } => Result<BucketEncryption?, AwsFailure>.Ok(null),
                { Kind: AwsFailureKind.NotFound } => Result<BucketEncryption?, AwsFailure>.Fail(AwsErrors.NotFound(call, "NoSuchBucket")),
                { } failure => Result<BucketEncryption?, AwsFailure>.Fail(failure),
            };
        }

        return Result<BucketEncryption?, AwsFailure>.Ok(ToEncryption(response.Value?.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault()));
    }

    /// <inheritdoc cref="IS3Gateway.PutDefaultEncryptionAsync"/>
    public Task<Result<BucketEncryption, AwsFailure>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(rule);
        AwsCall call = s3.Call("s3:PutBucketEncryption", "s3:PutEncryptionConfiguration", bucket);
        if (rule.SseAlgorithm.StartsWith(BucketEncryption.AwsKms, StringComparison.Ordinal) && !S3Calls.IsKeyArn(rule.KmsMasterKeyId))
        {
            return Task.FromResult(Result<BucketEncryption, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.Refused, call.Action, bucket, null,
                $"s3:PutBucketEncryption was not sent: a {rule.SseAlgorithm} rule must name the full KMS key ARN, not "
                + $"{(rule.KmsMasterKeyId is null ? "no key (the AWS managed aws/s3 key, which ICA cannot use across accounts)" : rule.KmsMasterKeyId)}.")));
        }

        var sseRule = new ServerSideEncryptionRule
        {
            ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault
            {
                ServerSideEncryptionAlgorithm = new ServerSideEncryptionMethod(rule.SseAlgorithm),
                ServerSideEncryptionKeyManagementServiceKeyId = rule.KmsMasterKeyId,
            },
            BucketKeyEnabled = rule.BucketKeyEnabled,

            // Kept from the rule read, so the write does not unblock what the bucket blocks (e.g. SSE-C).
            BlockedEncryptionTypes = rule.BlockedEncryptionTypes.Count == 0
                ? null
                : new BlockedEncryptionTypes { EncryptionType = [.. rule.BlockedEncryptionTypes] },
        };
        var request = new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration { ServerSideEncryptionRules = [sseRule] },
        };
        return call.RunAsync(
            async token =>
            {
                await s3.Sdk.PutBucketEncryptionAsync(request, token).ConfigureAwait(false);
                return rule;
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.GetVersioningAsync"/>
    public Task<Result<string?, AwsFailure>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return s3.Call("s3:GetBucketVersioning", "s3:GetBucketVersioning", bucket).RunAsync(
            async token =>
            {
                GetBucketVersioningResponse response = await s3.Sdk.GetBucketVersioningAsync(
                    new GetBucketVersioningRequest { BucketName = bucket }, token).ConfigureAwait(false);
                string? status = response.VersioningConfig?.Status?.Value;
                return status is "Enabled" or "Suspended" ? status : null;
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.GetObjectOwnershipAsync"/>
    public Task<Result<string?, AwsFailure>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return s3.Call("s3:GetBucketOwnershipControls", "s3:GetBucketOwnershipControls", bucket).RunAsync(
            async token =>
            {
                GetBucketOwnershipControlsResponse response = await s3.Sdk.GetBucketOwnershipControlsAsync(
                    new GetBucketOwnershipControlsRequest { BucketName = bucket }, token).ConfigureAwait(false);
                string? ownership = response.OwnershipControls?.Rules?.FirstOrDefault()?.ObjectOwnership?.Value;
                return string.IsNullOrEmpty(ownership) ? null : ownership;
            },
            "OwnershipControlsNotFoundError",
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.PutBucketOwnerEnforcedAsync"/>
    public Task<Result<string, AwsFailure>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        var request = new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            OwnershipControls = new OwnershipControls
            {
                Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }],
            },
        };
        return s3.Call("s3:PutBucketOwnershipControls", "s3:PutBucketOwnershipControls", bucket).RunAsync(
            async token =>
            {
                await s3.Sdk.PutBucketOwnershipControlsAsync(request, token).ConfigureAwait(false);
                return ObjectOwnership.BucketOwnerEnforced.Value;
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.GetPublicAccessBlockAsync"/>
    public Task<Result<PublicAccessBlock?, AwsFailure>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return s3.Call("s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", bucket).RunAsync(
            async token =>
            {
                GetPublicAccessBlockResponse response = await s3.Sdk.GetPublicAccessBlockAsync(
                    new GetPublicAccessBlockRequest { BucketName = bucket }, token).ConfigureAwait(false);
                PublicAccessBlockConfiguration? block = response.PublicAccessBlockConfiguration;
                return block is null
                    ? null
                    : new PublicAccessBlock(
                        block.BlockPublicAcls ?? false,
                        block.IgnorePublicAcls ?? false,
                        block.BlockPublicPolicy ?? false,
                        block.RestrictPublicBuckets ?? false);
            },
            "NoSuchPublicAccessBlockConfiguration",
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.PutPublicAccessBlockAsync"/>
    public Task<Result<PublicAccessBlock, AwsFailure>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        PublicAccessBlock block = PublicAccessBlock.AllBlocked;
        var request = new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = block.BlockPublicAcls,
                IgnorePublicAcls = block.IgnorePublicAcls,
                BlockPublicPolicy = block.BlockPublicPolicy,
                RestrictPublicBuckets = block.RestrictPublicBuckets,
            },
        };
        return s3.Call("s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock", bucket).RunAsync(
            async token =>
            {
                await s3.Sdk.PutPublicAccessBlockAsync(request, token).ConfigureAwait(false);
                return block;
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IS3Gateway.GetBucketPolicyAsync"/>
    public Task<Result<string?, AwsFailure>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return s3.Call("s3:GetBucketPolicy", "s3:GetBucketPolicy", bucket).RunAsync(
            async token =>
            {
                GetBucketPolicyResponse response = await s3.Sdk.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, token).ConfigureAwait(false);
                if ((int)response.HttpStatusCode >= 300)
                {
                    // The SDK (4.x) can hand an error answer back as the policy instead of throwing (seen with moto's
                    // 404 NoSuchBucketPolicy): an error body is never a policy, so it becomes the error it names.
                    string code = S3ErrorBody.Code(response.Policy) ?? response.HttpStatusCode.ToString();
                    throw new AmazonS3Exception($"S3 answered {(int)response.HttpStatusCode} {code}", ErrorType.Sender, code, string.Empty, response.HttpStatusCode);
                }

                return string.IsNullOrWhiteSpace(response.Policy) ? null : response.Policy;
            },
            "NoSuchBucketPolicy",
            cancellationToken);
    }

    private static BucketEncryption? ToEncryption(ServerSideEncryptionRule? rule)
    {
        string? algorithm = rule?.ServerSideEncryptionByDefault?.ServerSideEncryptionAlgorithm?.Value;
        if (rule is null || string.IsNullOrEmpty(algorithm))
        {
            return null;
        }

        string? keyId = rule.ServerSideEncryptionByDefault!.ServerSideEncryptionKeyManagementServiceKeyId;
        return new BucketEncryption(
            algorithm,
            string.IsNullOrEmpty(keyId) ? null : keyId,
            rule.BucketKeyEnabled ?? false,
            rule.BlockedEncryptionTypes?.EncryptionType?.ToList() ?? []);
    }
}
