namespace IcaKms.Core.Ica;

/// <summary>
/// The ICA API calls IcaKms makes, with one API key. Reads may be retried by the HTTP pipeline; writes are sent once
/// (a write that timed out may still have happened: the wizard reads again before it writes again).
/// </summary>
public interface IIcaClient
{
    /// <summary><c>GET /api/regions</c>: the regions the key's user is entitled to (also the cheap check of the key).</summary>
    Task<Result<IReadOnlyList<IcaApiRegion>, IcaFailure>> GetRegionsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/storageCredentials</c>: the credentials the key's user can see (never their secrets).</summary>
    Task<Result<IReadOnlyList<StorageCredential>, IcaFailure>> GetStorageCredentialsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/storageCredentials</c>: creates an <c>AWS_USER</c> credential from an access key. Sent once.</summary>
    Task<Result<StorageCredential, IcaFailure>> CreateStorageCredentialAsync(StorageCredentialRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/storageConfigurations</c>: the configurations with their bucket details.</summary>
    Task<Result<IReadOnlyList<StorageConfiguration>, IcaFailure>> GetStorageConfigurationsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/storageConfigurations/{id}</c>: one configuration, with its status and error message.</summary>
    Task<Result<StorageConfiguration, IcaFailure>> GetStorageConfigurationAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/storageConfigurations</c>: creates a configuration. Sent once.</summary>
    Task<Result<StorageConfiguration, IcaFailure>> CreateStorageConfigurationAsync(StorageConfigurationRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/storageConfigurations/{id}:validate</c>: starts ICA's validation (it runs in the background). Sent once.</summary>
    Task<Result<bool, IcaFailure>> ValidateStorageConfigurationAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/storageConfigurations/{id}:share</c>: shares the configuration with the tenant. Sent once.</summary>
    Task<Result<bool, IcaFailure>> ShareStorageConfigurationAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /api/storageCredentials/{id}:updateSecrets</c> (204): gives an existing credential another access key, in
    /// place, so every configuration that uses it keeps working. Sent once.
    /// </summary>
    Task<Result<bool, IcaFailure>> UpdateStorageCredentialSecretsAsync(string credentialId, AwsAccessKey key, CancellationToken cancellationToken = default);
}
