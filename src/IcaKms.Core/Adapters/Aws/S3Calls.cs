using Amazon.S3;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>What the S3 calls share: the SDK client, and the call budget each call runs within.</summary>
/// <param name="sdk">The SDK client (the gateway's caller owns it).</param>
/// <param name="budget">The client's call budget, or null for none.</param>
internal sealed class S3Calls(IAmazonS3 sdk, CallBudget? budget)
{
    /// <summary>The SDK client.</summary>
    public IAmazonS3 Sdk { get; } = sdk;

    /// <summary>The client's call budget (each call's deadline), or null for none.</summary>
    public CallBudget? Budget { get; } = budget;

    /// <summary>Whether a key id is a full KMS key ARN (S3 accepts an alias or a bare id too, which ICA cannot use).</summary>
    public static bool IsKeyArn(string? keyId) =>
        keyId is not null && ArnParts.Parse(keyId) is { Service: "kms" } arn
        && arn.Resource.StartsWith("key/", StringComparison.Ordinal) && arn.Resource.Length > 4;

    /// <summary>HeadBucket, whose permission is <c>s3:ListBucket</c>.</summary>
    public AwsCall HeadBucket(string bucket) => Call("s3:HeadBucket", "s3:ListBucket", bucket);

    /// <summary>A call on <paramref name="bucket"/> (or an object in it) within the client's call budget.</summary>
    public AwsCall Call(string operation, string action, string bucket) => new(operation, action, bucket) { Budget = Budget };
}
