using System.Text.Json;
using System.Text.Json.Serialization;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Ica;

/// <summary>
/// The body of ICA's <c>POST /api/storageConfigurations</c> (API v3 model <c>CreateStorageConfiguration</c>):
/// the same values as the form, for admins who script ICA.
/// </summary>
/// <param name="Name">The configuration name.</param>
/// <param name="Description">The description; null (omitted) when empty, as the API makes it optional.</param>
/// <param name="StorageCredentialId">The id of the ICA storage credential of the IAM user.</param>
/// <param name="Type">The storage type, <c>AWS_S3</c>.</param>
/// <param name="RegionId">ICA's id of the region.</param>
/// <param name="AwsDetails">The bucket, prefix and encryption.</param>
public sealed record StorageConfigurationRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonPropertyName("storageCredentialId")] string StorageCredentialId,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("regionId")] string RegionId,
    [property: JsonPropertyName("awsDetails")] AwsDetails AwsDetails)
{
    /// <summary>
    /// Stands for the credential id, unknown offline: the <c>id</c> returned by
    /// <c>POST /api/storageCredentials</c> (<see cref="IcaApi.StorageCredentialsPath"/>).
    /// </summary>
    public const string StorageCredentialIdPlaceholder = "STORAGE_CREDENTIAL_ID";

    /// <summary>
    /// Stands for the region id, unknown offline: the <c>id</c> of the region in
    /// <c>GET /api/regions</c> (<see cref="IcaApi.RegionsPath"/>).
    /// </summary>
    public const string RegionIdPlaceholder = "REGION_ID";

    /// <summary>Builds the request from the form's values.</summary>
    /// <param name="configuration">The storage configuration.</param>
    /// <param name="storageCredentialId">The credential id, when known.</param>
    /// <param name="regionId">ICA's region id, when known.</param>
    public static StorageConfigurationRequest Create(
        IcaStorageConfiguration configuration,
        string storageCredentialId = StorageCredentialIdPlaceholder,
        string regionId = RegionIdPlaceholder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(
            configuration.ConfigurationName,
            string.IsNullOrWhiteSpace(configuration.Description) ? null : configuration.Description,
            storageCredentialId,
            IcaStorageConfiguration.StorageType,
            regionId,
            new AwsDetails(
                configuration.BucketName,
                configuration.IsBucketRoot ? null : configuration.KeyPrefix,
                IcaStorageConfiguration.Algorithm,
                configuration.KeyArn));
    }

    /// <summary>Renders a request as indented JSON (<see cref="PolicyJson.Options"/>).</summary>
    public static string Serialize(StorageConfigurationRequest request) => JsonSerializer.Serialize(request, PolicyJson.Options);
}
