namespace IcaKms.Core.Ica;

/// <summary>
/// The parts of ICA's REST API (v3) that connect a storage configuration, as ICA's OpenAPI document
/// (<c>openapi_public.yaml</c>) names them. Paths are relative to <see cref="BaseUrl"/>.
/// </summary>
public static class IcaApi
{
    /// <summary>The API's base address; the paths below are relative to it.</summary>
    public const string BaseUrl = "https://ica.illumina.com/ica/rest";

    /// <summary>The media type of v3 requests and responses (<c>Content-Type</c> and <c>Accept</c>).</summary>
    public const string MediaType = "application/vnd.illumina.v3+json";

    /// <summary>The media type of ICA's error answers (the <c>Problem</c> model).</summary>
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>The header that carries the ICA API key.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary><c>GET</c>: lists the credentials; <c>POST</c>: creates one from an IAM user's access key.</summary>
    public const string StorageCredentialsPath = "/api/storageCredentials";

    /// <summary><c>GET</c>: lists the configurations with their details; <c>POST</c>: creates one (<see cref="StorageConfigurationRequest"/>).</summary>
    public const string StorageConfigurationsPath = "/api/storageConfigurations";

    /// <summary><c>GET</c>: one storage configuration (its status and error message); <c>{id}</c> is the configuration id.</summary>
    public const string StorageConfigurationPath = "/api/storageConfigurations/{id}";

    /// <summary><c>GET</c>: lists the regions the key's user is entitled to, with their ids.</summary>
    public const string RegionsPath = "/api/regions";

    /// <summary><c>POST</c>: starts validation of a storage configuration (204); <c>{id}</c> is the configuration id.</summary>
    public const string ValidateStorageConfigurationPath = "/api/storageConfigurations/{id}:validate";

    /// <summary><c>POST</c>: replaces a storage credential's access key (204); <c>{id}</c> is the credential id.</summary>
    public const string UpdateStorageCredentialSecretsPath = "/api/storageCredentials/{id}:updateSecrets";

    /// <summary><c>POST</c>: shares the caller's own storage configuration with the whole tenant (204).</summary>
    public const string ShareStorageConfigurationPath = "/api/storageConfigurations/{id}:share";

    /// <summary>The query parameter of cursor paging: the <c>nextPageToken</c> of the page before.</summary>
    public const string PageTokenParameter = "pageToken";

    /// <summary>The query parameter of offset paging: how many rows to skip.</summary>
    public const string PageOffsetParameter = "pageOffset";

    /// <summary>The query parameter of both pagings: how many rows a page holds.</summary>
    public const string PageSizeParameter = "pageSize";

    /// <summary>The most pages IcaKms reads of one list before it calls the answer endless.</summary>
    public const int MaxListPages = 200;

    /// <summary>A path with <c>{id}</c> replaced by the (escaped) id.</summary>
    public static string WithId(string path, string id)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return path.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
    }
}
