using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>S3 buckets over the SDK: where a bucket is (its region), and creating one.</summary>
internal sealed class S3Buckets(S3Calls s3)
{
    private const string BucketRegionHeader = "x-amz-bucket-region";
    private const string UsEast1 = "us-east-1";

    /// <inheritdoc cref="IS3Gateway.GetBucketRegionAsync"/>
    /// <remarks>
    /// HeadBucket answers with <c>x-amz-bucket-region</c> even when it fails with 301 (another region), 400 or 403,
    /// so the region is known without any permission. Without the header it falls back to GetBucketLocation.
    /// </remarks>
    public async Task<Result<string, AwsFailure>> GetBucketRegionAsync(string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        AwsFailure? headFailure = null;
        AwsCall headBucket = s3.HeadBucket(bucket);
        using CallDeadline? deadline = s3.Budget?.StartDeadline(cancellationToken);
        try
        {
            HeadBucketResponse response = await CallBudget.WaitAsync(
                s3.Sdk.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, deadline?.Token ?? cancellationToken), deadline)
                .ConfigureAwait(false);
            if (!string.IsNullOrEmpty(response.BucketRegion))
            {
                return Result<string, AwsFailure>.Ok(response.BucketRegion);
            }
        }
        catch (AmazonS3Exception exception) when (RegionHeader(exception) is { } region)
        {
            return Result<string, AwsFailure>.Ok(region);
        }
        catch (Exception exception) when (AwsErrors.IsMappable(exception, cancellationToken))
        {
            headFailure = AwsErrors.ToFailure(exception, headBucket, deadlinePassed: deadline?.IsCancellationRequested == true);
            if (headFailure.Kind is not (AwsFailureKind.AccessDenied or AwsFailureKind.Other))
            {
                return Result<string, AwsFailure>.Fail(headFailure);
            }
        }

        Result<string, AwsFailure> location = await s3.Call("s3:GetBucketLocation", "s3:GetBucketLocation", bucket).RunAsync(
            async token => NormalizeLocation(
                (await s3.Sdk.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, token).ConfigureAwait(false))
                    .Location?.Value),
            cancellationToken).ConfigureAwait(false);

        // A HEAD error has no body, so GetBucketLocation's error is the more precise one, unless it is a denial too.
        return location.Succeeded || headFailure is null || location.Failure!.Kind is not (AwsFailureKind.AccessDenied or AwsFailureKind.Other)
            ? location
            : Result<string, AwsFailure>.Fail(headFailure);
    }

    /// <inheritdoc cref="IS3Gateway.CreateBucketAsync"/>
    public async Task<Result<BucketCreation, AwsFailure>> CreateBucketAsync(string bucket, string region, CancellationToken cancellationToken = default)
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
        AwsCall call = s3.Call("s3:CreateBucket", "s3:CreateBucket", bucket) with { Region = region };

        // BucketAlreadyOwnedByYou is the "absent" answer: a null value, i.e. nothing was created.
        Result<BucketCreation?, AwsFailure> result = await call.RunAsync<BucketCreation?>(
            async token =>
            {
                await s3.Sdk.PutBucketAsync(request, token).ConfigureAwait(false);
                return new BucketCreation(AlreadyOwnedByYou: false);
            },
            "BucketAlreadyOwnedByYou",
            cancellationToken).ConfigureAwait(false);
        return result.Failure switch
        {
            null => Result<BucketCreation, AwsFailure>.Ok(result.Value ?? new BucketCreation(AlreadyOwnedByYou: true)),
            { ErrorCode: "BucketAlreadyExists" } failure => Result<BucketCreation, AwsFailure>.Fail(failure with
            {
                Message = $"The bucket name {bucket} is taken by another account (s3:CreateBucket): bucket names are global across all of AWS; choose another name.",
            }),
            { } failure => Result<BucketCreation, AwsFailure>.Fail(failure),
        };
    }

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
}
