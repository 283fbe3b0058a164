using System.Text.Json.Serialization;

namespace IcaKms.Core.Ica;

/// <summary>
/// The body of <c>POST /api/storageCredentials</c> (model <c>CreateStorageCredential</c>). It holds a secret:
/// <see cref="ToString"/> never shows it, and it is built only at the moment it is sent.
/// </summary>
/// <param name="Name">The credential name (1–150 characters: letters, digits, <c>_</c> and <c>-</c>).</param>
/// <param name="Type">Always <c>AWS_USER</c>.</param>
/// <param name="AwsCredentials">The IAM user's access key.</param>
public sealed record StorageCredentialRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("awsCredentials")] AwsAccessKey AwsCredentials)
{
    /// <inheritdoc />
    public override string ToString() => $"StorageCredentialRequest({Name}, {Type}, {AwsCredentials})";
}

/// <summary>An IAM user's long-term access key (model <c>AwsCredentials</c>); <see cref="ToString"/> hides the secret.</summary>
/// <param name="AccessKeyId">The access key id (<c>AKIA…</c>).</param>
/// <param name="SecretAccessKey">The secret access key.</param>
public sealed record AwsAccessKey(
    [property: JsonPropertyName("accessKeyId")] string AccessKeyId,
    [property: JsonPropertyName("secretAccessKey")] string SecretAccessKey)
{
    /// <inheritdoc />
    public override string ToString() => $"AwsAccessKey({AccessKeyId}, secret hidden)";
}
