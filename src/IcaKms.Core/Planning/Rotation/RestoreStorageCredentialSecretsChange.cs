using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// The rollback: gives the storage credential its old key back (<c>:updateSecrets</c>). IcaKms never knew the old key's
/// secret, so the admin pastes it; it is used once and dropped. Refused when the pasted key is not the old one.
/// </summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="CredentialId">The credential's id.</param>
/// <param name="CredentialName">The credential's name.</param>
/// <param name="OldKeyId">The key ICA held before the rotation (still active).</param>
public sealed record RestoreStorageCredentialSecretsChange(Uri ApiUrl, string CredentialId, string CredentialName, string OldKeyId) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title => $"Give the ICA storage credential {CredentialName} its old access key {OldKeyId} back (pasted, used once, never kept)";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.UpdateStorageCredentialSecretsPath;

    /// <inheritdoc />
    public override string Resource => CredentialName;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("ica_storage_credential", CredentialName);

    /// <inheritdoc />
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new CurlCommand($"Give {CredentialName} back {OldKeyId}: set $AWS_SECRET_ACCESS_KEY to its secret first (read -rs AWS_SECRET_ACCESS_KEY)",
            IcaCurl.Call("POST", ApiUrl, IcaApi.WithId(IcaApi.UpdateStorageCredentialSecretsPath, CredentialId),
                new StorageCredentialSecrets(new AwsAccessKey(OldKeyId, CliArn.VariableMarker("AWS_SECRET_ACCESS_KEY"))))),
    ];

    /// <inheritdoc />
    protected override Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        (AwsAccessKey? pasted, _) = run.TakeKey(newIamKey: false);
        if (pasted is null)
        {
            return new ChangeWrite(false, $"Paste the secret of {OldKeyId} to roll back (IcaKms never kept it); ICA holds the new key meanwhile.");
        }

        if (pasted.AccessKeyId != OldKeyId)
        {
            return new ChangeWrite(false, $"The pasted key is {pasted.AccessKeyId}, not the old key {OldKeyId}: nothing was sent, ICA holds the new key still.");
        }

        Result<bool, IcaFailure> sent = await run.Ica.UpdateStorageCredentialSecretsAsync(CredentialId, pasted, ct).ConfigureAwait(false);
        if (!sent.Succeeded)
        {
            return new ChangeWrite(false, $"ICA refused the old key: {sent.Failure!.Message} It holds the new key still; both keys stay active.");
        }

        run.RotatedKeyId = OldKeyId;
        return ChangeWrite.Made($"ICA's storage credential {CredentialName} holds {OldKeyId} again.");
    }
}
