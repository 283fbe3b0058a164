using IcaKms.Core.Ica;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// The gate two rotation steps share before they deactivate a key: every configuration that uses the credential must
/// read <c>OK</c> now (a retired key stays active while ICA is not happy on the new one; a key under test stays active
/// when ICA already reads ERROR, because an ERROR after would tell nothing).
/// </summary>
internal static class ConfigurationsReadOk
{
    /// <summary>
    /// Reads each configuration; returns null when all read <c>OK</c>, else why <paramref name="accessKeyId"/> stays active:
    /// a configuration that could not be read, or <paramref name="notOk"/>'s words for the first one that is not OK.
    /// </summary>
    public static async Task<string?> RefusalAsync(
        IIcaClient ica, IReadOnlyList<string> configurationIds, string accessKeyId, Func<StorageConfiguration, string> notOk, CancellationToken ct)
    {
        foreach (string id in configurationIds)
        {
            Result<StorageConfiguration, IcaFailure> read = await ica.GetStorageConfigurationAsync(id, ct).ConfigureAwait(false);
            if (read.Value is not { } configuration)
            {
                return $"The configuration {id} could not be read ({read.Failure?.Message}), so {accessKeyId} stays active: try again.";
            }

            if (configuration.Status != StorageConfigurationStatus.Ok)
            {
                return notOk(configuration);
            }
        }

        return null;
    }
}
