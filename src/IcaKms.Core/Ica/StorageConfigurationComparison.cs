namespace IcaKms.Core.Ica;

/// <summary>Compares a storage configuration that exists in ICA with the one the wizard would create.</summary>
public static class StorageConfigurationComparison
{
    /// <summary>
    /// What the comparison cannot see: ICA's API answers a configuration without its storage credential (models
    /// <c>StorageConfiguration</c>, <c>StorageConfigurationWithDetails</c>; only the create request carries
    /// <c>storageCredentialId</c>), so which credential it uses is checked in ICA's UI.
    /// </summary>
    public const string CredentialNotShown =
        "ICA's API does not say which storage credential a configuration uses: check that in ICA (System Settings → Storage → Configuration).";

    /// <summary>The first configuration with the wizard's name, or null (ICA names are unique per tenant).</summary>
    public static StorageConfiguration? Named(IReadOnlyList<StorageConfiguration> existing, string name)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return existing.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
    }

    /// <summary>The fields where <paramref name="existing"/> differs from the wizard's values (see the request overload).</summary>
    public static IReadOnlyList<ConfigurationDifference> Compare(StorageConfiguration existing, IcaStorageConfiguration wanted, IcaApiRegion? region)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        return Compare(existing, StorageConfigurationRequest.Create(wanted, regionId: region?.Id ?? StorageConfigurationRequest.RegionIdPlaceholder), region);
    }

    /// <summary>
    /// The fields that differ, on every field of the create request ICA answers back: type, region (when known),
    /// description (blank and absent are the same), bucket, prefix, algorithm (case-insensitive, ICA's docs write both
    /// <c>aws:kms</c> and <c>AWS:KMS</c>) and key ARN. Empty when the configuration is the wizard's on all of them; the
    /// storage credential is not among them (<see cref="CredentialNotShown"/>).
    /// </summary>
    /// <param name="existing">The configuration ICA lists.</param>
    /// <param name="wanted">The body IcaKms sends (or would send) to create it.</param>
    /// <param name="region">ICA's region object of the wizard's region, for its name; null leaves the region uncompared when the body has no region id.</param>
    public static IReadOnlyList<ConfigurationDifference> Compare(StorageConfiguration existing, StorageConfigurationRequest wanted, IcaApiRegion? region)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(wanted);
        AwsDetails? details = existing.StorageConfigurationDetails?.AwsS3;
        var differences = new List<ConfigurationDifference>();
        Add(differences, "Type", existing.Type, wanted.Type, StringComparison.Ordinal);
        if (wanted.RegionId != StorageConfigurationRequest.RegionIdPlaceholder)
        {
            Add(differences, "Region", existing.Region?.Id ?? string.Empty, wanted.RegionId, StringComparison.OrdinalIgnoreCase,
                existing.Region?.DisplayName, region?.DisplayName);
        }

        Add(differences, "Description", Blank(existing.Description), Blank(wanted.Description), StringComparison.Ordinal);
        Add(differences, "Bucket name", details?.BucketName ?? string.Empty, wanted.AwsDetails.BucketName, StringComparison.Ordinal);
        Add(differences, "Key prefix", details?.KeyPrefix ?? string.Empty, wanted.AwsDetails.KeyPrefix ?? string.Empty, StringComparison.Ordinal);
        Add(differences, "Algorithm", details?.ServerSideEncryptionAlgorithm ?? string.Empty, wanted.AwsDetails.ServerSideEncryptionAlgorithm, StringComparison.OrdinalIgnoreCase);
        Add(differences, "Key Name", details?.ServerSideEncryptionKey ?? string.Empty, wanted.AwsDetails.ServerSideEncryptionKey, StringComparison.Ordinal);
        return differences;
    }

    private static string Blank(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : text;

    private static void Add(List<ConfigurationDifference> differences, string field, string inIca, string inWizard, StringComparison comparison,
        string? shownInIca = null, string? shownInWizard = null)
    {
        if (!string.Equals(inIca, inWizard, comparison))
        {
            differences.Add(new ConfigurationDifference(field, shownInIca ?? inIca, shownInWizard ?? inWizard));
        }
    }
}
