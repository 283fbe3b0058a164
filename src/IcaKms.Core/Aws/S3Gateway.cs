using System.Net;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;

namespace IcaKms.Core.Aws;

/// <summary>The S3 calls IcaKms makes, over the AWS SDK's <see cref="IAmazonS3"/>; one method per API call.</summary>
public sealed class S3Gateway : IS3Gateway
{
    private const string BucketRegionHeader = "x-amz-bucket-region";

    private readonly IAmazonS3 _s3;
    private readonly CallBudget? _budget;

    /// <summary>Creates the gateway over an S3 client (the caller owns the client).</summary>
    public S3Gateway(IAmazonS3 s3)
    {
        _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
        _budget = CallBudget.Of(s3.Config);
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
        using CancellationTokenSource? deadline = _budget?.StartDeadline(cancellationToken);
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
