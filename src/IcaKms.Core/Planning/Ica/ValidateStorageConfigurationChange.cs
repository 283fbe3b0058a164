using IcaKms.Core.Ica;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Ica;

/// <summary>Starts ICA's validation of the configuration (IcaKms then watches its status until <c>OK</c> or <c>ERROR</c>).</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Name">The configuration name.</param>
/// <param name="ConfigurationId">Its id, or null when an earlier change of the plan creates it.</param>
public sealed record ValidateStorageConfigurationChange(Uri ApiUrl, string Name, string? ConfigurationId) : StorageConfigurationCall(ApiUrl, Name, ConfigurationId)
{
    /// <inheritdoc />
    public override string Title => $"Start ICA's validation of the storage configuration {Name} and watch it until OK or ERROR";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.ValidateStorageConfigurationPath;

    /// <inheritdoc />
    public override ResourceAddress Address => new("ica_storage_configuration_validation", Name);

    /// <inheritdoc />
    protected override string NothingToCall => "No configuration to validate: plan again.";

    /// <summary>Posts <c>:validate</c>, then reads the status (ICA validates in the background).</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        Post($"Start ICA's validation of {Name}", IcaApi.ValidateStorageConfigurationPath),
        new CurlCommand("Read its status until it is OK or ERROR (errorMessage says why)",
            IcaCurl.Call("GET", ApiUrl, IcaCurl.IdPath(IcaApi.StorageConfigurationPath, ConfigurationId), null) + " | jq '{status, errorMessage}'"),
    ];

    /// <inheritdoc />
    protected override async Task<ChangeWrite> CallAsync(IcaApplyRun run, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        Result<bool, IcaFailure> started = await run.Ica.ValidateStorageConfigurationAsync(id, ct).ConfigureAwait(false);
        if (!started.Succeeded)
        {
            return new ChangeWrite(false, started.Failure!.Message);
        }

        run.ValidatedName = Name;
        return ChangeWrite.Made($"ICA is validating {Name}.");
    }
}
