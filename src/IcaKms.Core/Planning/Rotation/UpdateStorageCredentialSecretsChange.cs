using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// Gives the storage credential the access key the change before created (<c>:updateSecrets</c>), its secret straight
/// from IAM's answer and then dropped. When ICA refuses it, the new key is deleted again, so the user is left with the
/// one key ICA still holds.
/// </summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="CredentialId">The credential's id.</param>
/// <param name="CredentialName">The credential's name.</param>
/// <param name="OldKeyId">The key ICA holds until this change is made.</param>
public sealed record UpdateStorageCredentialSecretsChange(Uri ApiUrl, string CredentialId, string CredentialName, string OldKeyId) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title =>
        $"Give the ICA storage credential {CredentialName} the new access key in place of {OldKeyId} (its secret goes straight from IAM to ICA, never shown, stored or logged)";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.UpdateStorageCredentialSecretsPath;

    /// <inheritdoc />
    public override string Resource => CredentialName;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("ica_storage_credential", CredentialName);

    /// <summary>Posts <c>$AWS_ACCESS_KEY_ID</c> and <c>$AWS_SECRET_ACCESS_KEY</c> (set by the create command) to <c>:updateSecrets</c>.</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new CurlCommand($"Give the storage credential {CredentialName} the new key from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY (ICA answers 204)",
            IcaCurl.Call("POST", ApiUrl, IcaApi.WithId(IcaApi.UpdateStorageCredentialSecretsPath, CredentialId),
                new StorageCredentialSecrets(new AwsAccessKey(CliArn.VariableMarker("AWS_ACCESS_KEY_ID"), CliArn.VariableMarker("AWS_SECRET_ACCESS_KEY"))))),
    ];

    /// <summary>ICA never shows which key a credential holds: nothing to re-read.</summary>
    protected override Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        (AwsAccessKey? secret, string? user) = run.TakeKey(newIamKey: true);
        if (secret is null || user is null)
        {
            return new ChangeWrite(false, $"No new access key to send, so ICA still holds {OldKeyId}: plan the rotation again.");
        }

        Result<bool, IcaFailure> sent = await run.Ica.UpdateStorageCredentialSecretsAsync(CredentialId, secret, ct).ConfigureAwait(false);
        if (sent.Succeeded)
        {
            run.RotatedKeyId = secret.AccessKeyId;
            return ChangeWrite.Made($"ICA's storage credential {CredentialName} holds the access key {secret.AccessKeyId} now; {OldKeyId} stays active until the validation reads OK.");
        }

        IcaFailure failure = sent.Failure!;
        if (failure.AnswerLost)
        {
            // ICA may or may not have taken it: both keys stay active, so ICA works with whichever it holds.
            return new ChangeWrite(false,
                $"{failure.Message} ICA may hold either {OldKeyId} or {secret.AccessKeyId}: both stay active, so it keeps working. " +
                $"Validate the configurations: if they read OK, retire {OldKeyId} as planned; if not, delete {secret.AccessKeyId}.");
        }

        // ICA refused: it still holds the old key, and the new one's secret is gone (never kept): delete the new key.
        Result<bool, AwsFailure> undone = await run.Iam!.DeleteAccessKeyAsync(user, secret.AccessKeyId, ct).ConfigureAwait(false);
        string left = undone.Succeeded
            ? $"The new access key {secret.AccessKeyId} was deleted again, so {user} has the key ICA holds, {OldKeyId}, active as before."
            : $"Deleting the new access key {secret.AccessKeyId} failed too ({undone.Failure?.Message}): delete it (aws iam delete-access-key --user-name {user} --access-key-id {secret.AccessKeyId}); ICA still holds {OldKeyId}, active.";
        return new ChangeWrite(false, $"ICA refused the new access key: {failure.Message} {left}");
    }
}
