namespace IcaKms.Core.Ica;

/// <summary>Compares a storage configuration that exists in ICA with the one the wizard would create.</summary>
public static class StorageConfigurationComparison
{
    /// <summary>The first configuration with the wizard's name, or null (ICA names are unique per tenant).</summary>
    public static StorageConfiguration? Named(IReadOnlyList<StorageConfiguration> existing, string name)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return existing.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
    }

    /// <summary>
    /// The fields that differ: type, region, bucket, prefix, algorithm (case-insensitive, ICA's docs write both
    /// <c>aws:kms</c> and <c>AWS:KMS</c>) and key ARN. Empty when the configuration is the wizard's.
    /// </summary>
    public static IReadOnlyList<ConfigurationDifference> Compare(StorageConfiguration existing, IcaStorageConfiguration wanted, IcaApiRegion? region)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(wanted);
        AwsDetails? details = existing.StorageConfigurationDetails?.AwsS3;
        var differences = new List<ConfigurationDifference>();
        Add(differences, "Type", existing.Type, IcaStorageConfiguration.StorageType, StringComparison.Ordinal);
        if (region is not null)
        {
            Add(differences, "Region", existing.Region?.Id ?? string.Empty, region.Id, StringComparison.OrdinalIgnoreCase,
                existing.Region?.DisplayName, region.DisplayName);
        }

        Add(differences, "Bucket name", details?.BucketName ?? string.Empty, wanted.BucketName, StringComparison.Ordinal);
        Add(differences, "Key prefix", details?.KeyPrefix ?? string.Empty, wanted.KeyPrefix, StringComparison.Ordinal);
        Add(differences, "Algorithm", details?.ServerSideEncryptionAlgorithm ?? string.Empty, IcaStorageConfiguration.Algorithm, StringComparison.OrdinalIgnoreCase);
        Add(differences, "Key Name", details?.ServerSideEncryptionKey ?? string.Empty, wanted.KeyArn, StringComparison.Ordinal);
        return differences;
    }

    private static void Add(List<ConfigurationDifference> differences, string field, string inIca, string inWizard, StringComparison comparison,
        string? shownInIca = null, string? shownInWizard = null)
    {
        if (!string.Equals(inIca, inWizard, comparison))
        {
            differences.Add(new ConfigurationDifference(field, shownInIca ?? inIca, shownInWizard ?? inWizard));
        }
    }
}
