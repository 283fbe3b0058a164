using System.Text.Json.Serialization;

namespace IcaKms.Core.Ica;

/// <summary>The <c>awsDetails</c> object of ICA's storage configuration request (API model <c>AWSDetails</c>).</summary>
/// <param name="BucketName">The S3 bucket name.</param>
/// <param name="KeyPrefix">The prefix folder (<c>folder/</c>); null (omitted) connects the whole bucket.</param>
/// <param name="ServerSideEncryptionAlgorithm">The SSE algorithm, <c>aws:kms</c>.</param>
/// <param name="ServerSideEncryptionKey">The full KMS key ARN.</param>
public sealed record AwsDetails(
    [property: JsonPropertyName("bucketName")] string BucketName,
    [property: JsonPropertyName("keyPrefix"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? KeyPrefix,
    [property: JsonPropertyName("serverSideEncryptionAlgorithm")] string ServerSideEncryptionAlgorithm,
    [property: JsonPropertyName("serverSideEncryptionKey")] string ServerSideEncryptionKey);
