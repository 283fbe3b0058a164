using IcaKms.Core.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Ica;

/// <summary>Creates the storage configuration with the wizard's values (its <see cref="SetupChange.After"/> is the request body).</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Request">The body; its credential id is <see cref="StorageConfigurationRequest.StorageCredentialIdPlaceholder"/> when the credential is made by an earlier change.</param>
public sealed record CreateStorageConfigurationChange(Uri ApiUrl, StorageConfigurationRequest Request) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title => $"Create the ICA storage configuration {Request.Name} for s3://{Request.AwsDetails.BucketName}/{Request.AwsDetails.KeyPrefix} with SSE-KMS";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.StorageConfigurationsPath;

    /// <inheritdoc />
    public override string Resource => Request.Name;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => new("ica_storage_configuration", Request.Name);

    /// <summary>Posts the configuration (with the captured credential id when the credential is made first) and captures its id.</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new CurlCommand($"Create the ICA storage configuration {Request.Name}; its id is kept in ${IcaCurl.ConfigurationIdVariable}",
            $"{IcaCurl.ConfigurationIdVariable}=$({IcaCurl.Call("POST", ApiUrl, IcaApi.StorageConfigurationsPath, WithCredential(CliArn.VariableMarker(IcaCurl.CredentialIdVariable)))} | jq -r .id)"),
    ];

    /// <summary>Whether ICA lists a storage configuration of this name now (every page of the list): the change's re-read.</summary>
    public Task<ReadBack<StorageConfiguration>> ReadAsync(IIcaClient ica, CancellationToken ct) => IcaReadBack.ConfigurationAsync(ica, Request.Name, ct);

    /// <summary>The plan creates it only when ICA listed no configuration of this name: one listed now was made since.</summary>
    protected override async Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        ReadBack<StorageConfiguration> now = await ReadAsync(run.Ica, ct).ConfigureAwait(false);
        return now.Outcome == ReadBackOutcome.Exists
            ? $"ICA has a storage configuration named {Request.Name} now, which it did not have when the plan was made, so none was created: plan again to compare it with the wizard's values."
            : null;
    }

    /// <inheritdoc />
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        StorageConfigurationRequest body = WithCredential(run.Credential?.Id);
        if (body.StorageCredentialId == StorageConfigurationRequest.StorageCredentialIdPlaceholder)
        {
            return new ChangeWrite(false, "No storage credential to use: plan again.");
        }

        Result<StorageConfiguration, IcaFailure> created = await run.Ica.CreateStorageConfigurationAsync(body, ct).ConfigureAwait(false);
        if (created.Value is { } made)
        {
            run.ConfigurationId = made.Id;
            return ChangeWrite.Made($"Created the ICA storage configuration {made.Name} ({made.Id}), status {made.Status}.");
        }

        if (created.Failure is not { AnswerLost: true } lost)
        {
            return new ChangeWrite(false, created.Failure?.Message ?? "ICA answered without a configuration.");
        }

        ReadBack<StorageConfiguration> readBack = await ReadAsync(run.Ica, ct).ConfigureAwait(false);
        IReadOnlyList<ConfigurationDifference> differences = readBack.Found is { } found
            ? StorageConfigurationComparison.Compare(found, body, found.Region)
            : [];
        bool carriesOn = readBack.Outcome == ReadBackOutcome.Exists && differences.Count == 0;
        if (carriesOn)
        {
            run.ConfigurationId = readBack.Found!.Id;
        }

        return new ChangeWrite(carriesOn, LostAnswerMessages.Configuration(lost, readBack, body.Name, differences, run.Credential?.Name));
    }

    // The body with the id of the credential an earlier change made (or the variable it was captured in); as planned otherwise.
    private StorageConfigurationRequest WithCredential(string? madeCredentialId) =>
        Request.StorageCredentialId == StorageConfigurationRequest.StorageCredentialIdPlaceholder && madeCredentialId is not null
            ? Request with { StorageCredentialId = madeCredentialId }
            : Request;
}
