using IcaKms.Core.Ica;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Ica;

/// <summary>Shares the storage configuration with every user of the tenant.</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Name">The configuration name.</param>
/// <param name="ConfigurationId">Its id, or null when an earlier change of the plan creates it.</param>
public sealed record ShareStorageConfigurationChange(Uri ApiUrl, string Name, string? ConfigurationId) : StorageConfigurationCall(ApiUrl, Name, ConfigurationId)
{
    /// <inheritdoc />
    public override string Title => $"Share the storage configuration {Name} with every user of the ICA tenant";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.ShareStorageConfigurationPath;

    /// <inheritdoc />
    public override ResourceAddress Address => new("ica_storage_configuration_share", Name);

    /// <inheritdoc />
    protected override string NothingToCall => "No configuration to share: plan again.";

    /// <summary>Posts <c>:share</c> on the configuration.</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) => [Post($"Share {Name} with the tenant", IcaApi.ShareStorageConfigurationPath)];

    /// <inheritdoc />
    protected override async Task<ChangeWrite> CallAsync(IcaApplyRun run, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        Result<bool, IcaFailure> shared = await run.Ica.ShareStorageConfigurationAsync(id, ct).ConfigureAwait(false);
        return shared.Succeeded ? ChangeWrite.Made($"Shared {Name} with the tenant.") : new ChangeWrite(false, shared.Failure!.Message);
    }
}
