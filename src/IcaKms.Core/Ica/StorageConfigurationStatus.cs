namespace IcaKms.Core.Ica;

/// <summary>The <c>status</c> values of a storage configuration in ICA's API.</summary>
public static class StorageConfigurationStatus
{
    /// <summary>ICA is still validating the configuration.</summary>
    public const string Initializing = "INITIALIZING";

    /// <summary>ICA validated the configuration and can use the bucket.</summary>
    public const string Ok = "OK";

    /// <summary>Validation failed; the configuration's <c>errorMessage</c> says why.</summary>
    public const string Error = "ERROR";
}
