namespace IcaKms.Core.Ica;

/// <summary>The parts of ICA's REST API (v3) that connect a storage configuration.</summary>
public static class IcaApi
{
    /// <summary>The API's base address; the paths below are relative to it.</summary>
    public const string BaseUrl = "https://ica.illumina.com/ica/rest";

    /// <summary>The media type of v3 requests and responses (<c>Content-Type</c> and <c>Accept</c>).</summary>
    public const string MediaType = "application/vnd.illumina.v3+json";

    /// <summary>The header that carries the ICA API key.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary><c>POST</c>: creates a storage credential from an IAM user's access key; returns its id.</summary>
    public const string StorageCredentialsPath = "/api/storageCredentials";

    /// <summary><c>POST</c>: creates a storage configuration (body: <see cref="StorageConfigurationRequest"/>).</summary>
    public const string StorageConfigurationsPath = "/api/storageConfigurations";

    /// <summary><c>GET</c>: lists ICA's regions with their ids.</summary>
    public const string RegionsPath = "/api/regions";

    /// <summary><c>POST</c>: starts validation of a storage configuration; <c>{id}</c> is the configuration id.</summary>
    public const string ValidateStorageConfigurationPath = "/api/storageConfigurations/{id}:validate";
}
