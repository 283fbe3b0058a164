using System.Text.Json.Serialization;

namespace IcaKms.Core.Ica;

/// <summary>
/// The body of <c>POST /api/storageCredentials/{id}:updateSecrets</c> (model <c>UpdateStorageCredentialSecrets</c>). It
/// holds a secret: <see cref="ToString"/> never shows it, and it is built only at the moment it is sent.
/// </summary>
/// <param name="AwsCredentials">The new access key.</param>
public sealed record StorageCredentialSecrets([property: JsonPropertyName("awsCredentials")] AwsAccessKey AwsCredentials)
{
    /// <inheritdoc />
    public override string ToString() => $"StorageCredentialSecrets({AwsCredentials})";
}
