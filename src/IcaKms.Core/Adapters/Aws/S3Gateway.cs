using System.Net;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>The S3 calls IcaKms makes, over the AWS SDK's <see cref="IAmazonS3"/>; one method per API call.</summary>
public sealed class S3Gateway : IS3Gateway
{
    private const string BucketRegionHeader = "x-amz-bucket-region";
    private const string UsEast1 = "us-east-1";

    private readonly IAmazonS3 _s3;
    private readonly CallBudget? _budget;

    /// <summary>Creates the gateway over an S3 client (the caller owns the client).</summary>
    /// <param name="s3">The SDK client.</param>
    /// <param name="time">The clock a call's deadline runs on; null for the system's (a test passes a fake one).</param>
    public S3Gateway(IAmazonS3 s3, TimeProvider? time = null)
    {
        _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
        _budget = CallBudget.Of(s3.Config, time);
    }

    /// <inheritdoc />
    /// <remarks>
    /// HeadBucket answers with <c>x-amz-bucket-region</c> even when it fails with 301 (another region), 400 or 403,
    /// so the region is known without any permission. Without the header it falls back to GetBucketLocation.
    /// </remarks>
    public async Task<AwsResult<string>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        AwsFailure? headFailure = null;
        AwsCall headBucket = HeadBucket(bucket);
        using CallDeadline? deadline = _budget?.StartDeadline(cancellationToken);
        try
        {
            HeadBucketResponse response = await CallBudget.WaitAsync(
                _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, deadline?.Token ?? cancellationToken), deadline)
                .ConfigureAwait(false);
            if (!string.IsNullOrEmpty(response.BucketRegion))
            {
                return AwsResult<string>.Ok(response.BucketRegion);
            }
        }
        catch (AmazonS3Exception exception) when (RegionHeader(exception) is { } region)
        {
            return AwsResult<string>.Ok(region);
        }
        catch (Exception exception) when (AwsErrors.IsMappable(exception, cancellationToken))
        {
            headFailure = AwsErrors.ToFailure(exception, headBucket, deadlinePassed: deadline?.IsCancellationRequested == true);
            if (headFailure.Kind is not (AwsFailureKind.AccessDenied or AwsFailureKind.Other))
            {
                return AwsResult<string>.Fail(headFailure);
            }
        }

        AwsResult<string> location = await Call("s3:GetBucketLocation", "s3:GetBucketLocation", bucket).RunAsync(
            async token => NormalizeLocation(
                (await _s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, token).ConfigureAwait(false))
                    .Location?.Value),
            cancellationToken).ConfigureAwait(false);

        // A HEAD error has no body, so GetBucketLocation's error is the more precise one, unless it is a denial too.
        return location.Succeeded || headFailure is null || location.Failure!.Kind is not (AwsFailureKind.AccessDenied or AwsFailureKind.Other)
            ? location
            : AwsResult<string>.Fail(headFailure);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The SDK turns every 404 of GetBucketEncryption into an empty answer, losing the error code that tells "no
    /// configuration" (<c>ServerSideEncryptionConfigurationNotFoundError</c>) from <c>NoSuchBucket</c>; on a 404
    /// HeadBucket tells which one it was.
    /// </remarks>
    public async Task<AwsResult<BucketEncryption?>> GetDefaultEncryptionAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        var call = Call("s3:GetBucketEncryption", "s3:GetEncryptionConfiguration", bucket);
        AwsResult<GetBucketEncryptionResponse> response = await call.RunAsync(
            token => _s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, token),
            "ServerSideEncryptionConfigurationNotFoundError",
            cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            return AwsResult<BucketEncryption?>.Fail(response.Failure!);
        }

        if (response.Value?.HttpStatusCode == HttpStatusCode.NotFound)
        {
            AwsResult<HeadBucketResponse> head = await HeadBucket(bucket).RunAsync(
                token => _s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, token),
                cancellationToken).ConfigureAwait(false);
            return head.Failure switch
            {
                null or { Kind: AwsFailureKind.AccessDenied or AwsFailureKind.Other } => AwsResult<BucketEncryption?>.Ok(null),
                { Kind: AwsFailureKind.NotFound } => AwsResult<BucketEncryption?>.Fail(AwsErrors.NotFound(call, "NoSuchBucket")),
                { } failure => AwsResult<BucketEncryption?>.Fail(failure),
            };
        }

        return AwsResult<BucketEncryption?>.Ok(ToEncryption(response.Value?.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault()));
    }

    /// <inheritdoc />
    public Task<AwsResult<string?>> GetVersioningAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return Call("s3:GetBucketVersioning", "s3:GetBucketVersioning", bucket).RunAsync(
            async token =>
            {
                GetBucketVersioningResponse response = await _s3.GetBucketVersioningAsync(
                    new GetBucketVersioningRequest { BucketName = bucket }, token).ConfigureAwait(false);
                string? status = response.VersioningConfig?.Status?.Value;
                return status is "Enabled" or "Suspended" ? status : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<string?>> GetObjectOwnershipAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return Call("s3:GetBucketOwnershipControls", "s3:GetBucketOwnershipControls", bucket).RunAsync(
            async token =>
            {
                GetBucketOwnershipControlsResponse response = await _s3.GetBucketOwnershipControlsAsync(
                    new GetBucketOwnershipControlsRequest { BucketName = bucket }, token).ConfigureAwait(false);
                string? ownership = response.OwnershipControls?.Rules?.FirstOrDefault()?.ObjectOwnership?.Value;
                return string.IsNullOrEmpty(ownership) ? null : ownership;
            },
            "OwnershipControlsNotFoundError",
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<string?>> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return Call("s3:GetBucketPolicy", "s3:GetBucketPolicy", bucket).RunAsync(
            async token =>
            {
                GetBucketPolicyResponse response = await _s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, token).ConfigureAwait(false);
                return string.IsNullOrWhiteSpace(response.Policy) ? null : response.Policy;
            },
            "NoSuchBucketPolicy",
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<PublicAccessBlock?>> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return Call("s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", bucket).RunAsync(
            async token =>
            {
                GetPublicAccessBlockResponse response = await _s3.GetPublicAccessBlockAsync(
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

    /// <inheritdoc />
    public Task<AwsResult<bool>> PrefixExistsAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        return Call("s3:ListObjectsV2", "s3:ListBucket", bucket).RunAsync(
            async token =>
            {
                ListObjectsV2Response response = await _s3.ListObjectsV2Async(
                    new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1 }, token).ConfigureAwait(false);
                return response.KeyCount > 0 || response.S3Objects is { Count: > 0 };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AwsResult<BucketCreation>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);

        // us-east-1 takes no LocationConstraint (S3 refuses "us-east-1" as one); every other region needs it.
        var request = new PutBucketRequest
        {
            BucketName = bucket,
            UseClientRegion = false,
            BucketRegionName = region == UsEast1 ? null : region,
        };
        AwsCall call = Call("s3:CreateBucket", "s3:CreateBucket", bucket) with { Region = region };

        // BucketAlreadyOwnedByYou is the "absent" answer: a null value, i.e. nothing was created.
        AwsResult<BucketCreation?> result = await call.RunAsync<BucketCreation?>(
            async token =>
            {
                await _s3.PutBucketAsync(request, token).ConfigureAwait(false);
                return new BucketCreation(AlreadyOwnedByYou: false);
            },
            "BucketAlreadyOwnedByYou",
            cancellationToken).ConfigureAwait(false);
        return result.Failure switch
        {
            null => AwsResult<BucketCreation>.Ok(result.Value ?? new BucketCreation(AlreadyOwnedByYou: true)),
            { ErrorCode: "BucketAlreadyExists" } failure => AwsResult<BucketCreation>.Fail(failure with
            {
                Message = $"The bucket name {bucket} is taken by another account (s3:CreateBucket): bucket names are global across all of AWS; choose another name.",
            }),
            { } failure => AwsResult<BucketCreation>.Fail(failure),
        };
    }

    /// <inheritdoc />
    public Task<AwsResult<BucketEncryption>> PutDefaultEncryptionAsync(string bucket, BucketEncryption rule, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(rule);
        AwsCall call = Call("s3:PutBucketEncryption", "s3:PutEncryptionConfiguration", bucket);
        if (rule.SseAlgorithm.StartsWith(BucketEncryption.AwsKms, StringComparison.Ordinal) && !IsKeyArn(rule.KmsMasterKeyId))
        {
            return Task.FromResult(AwsResult<BucketEncryption>.Fail(new AwsFailure(AwsFailureKind.Refused, call.Action, bucket, null,
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
                await _s3.PutBucketEncryptionAsync(request, token).ConfigureAwait(false);
                return rule;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<PublicAccessBlock>> PutPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken = default)
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
        return Call("s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock", bucket).RunAsync(
            async token =>
            {
                await _s3.PutPublicAccessBlockAsync(request, token).ConfigureAwait(false);
                return block;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<string>> PutBucketOwnerEnforcedAsync(string bucket, CancellationToken cancellationToken = default)
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
        return Call("s3:PutBucketOwnershipControls", "s3:PutBucketOwnershipControls", bucket).RunAsync(
            async token =>
            {
                await _s3.PutBucketOwnershipControlsAsync(request, token).ConfigureAwait(false);
                return ObjectOwnership.BucketOwnerEnforced.Value;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<ObjectWrite>> CreateFolderAsync(string bucket, string prefix, string keyArn, CancellationToken cancellationToken = default)
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

    /// <inheritdoc />
    public Task<AwsResult<ObjectWrite>> PutObjectAsync(string bucket, string key, string content, string? kmsKeyArn = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(content);
        return PutAsync(bucket, key, content, kmsKeyArn, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<ObjectHead>> HeadObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var request = new GetObjectMetadataRequest { BucketName = bucket, Key = key, VersionId = versionId };
        return Call("s3:HeadObject", versionId is null ? "s3:GetObject" : "s3:GetObjectVersion", ObjectResource(bucket, key)).RunAsync(
            async token =>
            {
                GetObjectMetadataResponse response = await _s3.GetObjectMetadataAsync(request, token).ConfigureAwait(false);
                return new ObjectHead(
                    NullIfEmpty(response.ServerSideEncryptionMethod?.Value),
                    NullIfEmpty(response.ServerSideEncryptionKeyManagementServiceKeyId),
                    response.BucketKeyEnabled ?? false,
                    NullIfEmpty(response.VersionId),
                    response.ContentLength);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AwsResult<ObjectDeletion>> DeleteObjectAsync(string bucket, string key, string? versionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var request = new DeleteObjectRequest { BucketName = bucket, Key = key, VersionId = versionId };
        return Call("s3:DeleteObject", versionId is null ? "s3:DeleteObject" : "s3:DeleteObjectVersion", ObjectResource(bucket, key)).RunAsync(
            async token =>
            {
                DeleteObjectResponse response = await _s3.DeleteObjectAsync(request, token).ConfigureAwait(false);
                return new ObjectDeletion(NullIfEmpty(response.VersionId), IsTrue(response.DeleteMarker));
            },
            cancellationToken);
    }

    private Task<AwsResult<ObjectWrite>> PutAsync(string bucket, string key, string content, string? kmsKeyArn, CancellationToken cancellationToken)
    {
        AwsCall call = Call("s3:PutObject", "s3:PutObject", ObjectResource(bucket, key));
        if (kmsKeyArn is not null && !IsKeyArn(kmsKeyArn))
        {
            return Task.FromResult(AwsResult<ObjectWrite>.Fail(new AwsFailure(AwsFailureKind.Refused, call.Action, call.Resource, null,
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
                PutObjectResponse response = await _s3.PutObjectAsync(request, token).ConfigureAwait(false);
                return new ObjectWrite(
                    NullIfEmpty(response.VersionId),
                    NullIfEmpty(response.ServerSideEncryptionMethod?.Value),
                    NullIfEmpty(response.ServerSideEncryptionKeyManagementServiceKeyId),
                    response.BucketKeyEnabled ?? false);
            },
            cancellationToken);
    }

    private static string ObjectResource(string bucket, string key) => $"{bucket}/{key}";

    private static bool IsKeyArn(string? keyId) =>
        keyId is not null && ArnParts.Parse(keyId) is { Service: "kms" } arn
        && arn.Resource.StartsWith("key/", StringComparison.Ordinal) && arn.Resource.Length > 4;

    private static bool IsTrue(object? flag) => flag switch
    {
        bool value => value,
        string text => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private AwsCall HeadBucket(string bucket) => Call("s3:HeadBucket", "s3:ListBucket", bucket);

    private AwsCall Call(string operation, string action, string bucket) => new(operation, action, bucket) { Budget = _budget };

    private static string? RegionHeader(AmazonS3Exception exception)
    {
        string? region = exception.InnerException is HttpErrorResponseException { Response: { } response }
            && response.IsHeaderPresent(BucketRegionHeader)
            ? response.GetHeaderValue(BucketRegionHeader)
            : null;
        return string.IsNullOrWhiteSpace(region) ? null : region.Trim();
    }

    /// <summary>GetBucketLocation's legacy answers: empty (or <c>US</c>) for us-east-1, <c>EU</c> for eu-west-1.</summary>
    private static string NormalizeLocation(string? location) => location switch
    {
        null or "" or "US" => "us-east-1",
        "EU" => "eu-west-1",
        _ => location,
    };

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
