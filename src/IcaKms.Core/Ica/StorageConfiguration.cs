namespace IcaKms.Core.Ica;

/// <summary>
/// A storage configuration as ICA's API returns it (models <c>StorageConfiguration</c> and, in the list,
/// <c>StorageConfigurationWithDetails</c>, which adds <see cref="StorageConfigurationDetails"/>).
/// </summary>
/// <param name="Id">ICA's id (a UUID).</param>
/// <param name="Name">The configuration name.</param>
/// <param name="Description">The description, or null.</param>
/// <param name="Type">The storage type, <c>AWS_S3</c>.</param>
/// <param name="Status"><c>INITIALIZING</c>, <c>OK</c> or <c>ERROR</c> (<see cref="StorageConfigurationStatus"/>).</param>
/// <param name="ErrorMessage">Why validation failed, when <see cref="Status"/> is <c>ERROR</c>.</param>
/// <param name="Region">The region it is in.</param>
/// <param name="IsDefault">Whether it is the region's default for new projects.</param>
/// <param name="StorageConfigurationDetails">The bucket details (only in the list answer).</param>
public sealed record StorageConfiguration(
    string Id,
    string Name,
    string? Description,
    string Type,
    string Status,
    string? ErrorMessage,
    IcaApiRegion? Region,
    bool IsDefault,
    StorageConfigurationDetails? StorageConfigurationDetails = null)
{
    /// <summary>True once ICA has finished validating (<c>OK</c> or <c>ERROR</c>).</summary>
    public bool IsSettled => Status is StorageConfigurationStatus.Ok or StorageConfigurationStatus.Error;
}

/// <summary>The details of a storage configuration (model <c>StorageConfigurationDetails</c>).</summary>
/// <param name="AwsS3">The S3 bucket, prefix and encryption.</param>
public sealed record StorageConfigurationDetails(AwsDetails? AwsS3);
