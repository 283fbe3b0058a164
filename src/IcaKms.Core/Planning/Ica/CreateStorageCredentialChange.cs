using IcaKms.Core.Ica;
using IcaKms.Core.Setup;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning.Ica;

/// <summary>Creates an <c>AWS_USER</c> storage credential in ICA from an access key (pasted, or made by the change before).</summary>
public sealed record CreateStorageCredentialChange(Uri ApiUrl, string Name, CredentialSource Source, string? AccessKeyId) : IcaChange(ApiUrl)
{
    /// <inheritdoc />
    public override string Title => Source == CredentialSource.NewIamKey
        ? $"Create the ICA storage credential {Name} (AWS_USER) from the new access key"
        : $"Create the ICA storage credential {Name} (AWS_USER) from the access key {AccessKeyId}";

    /// <inheritdoc />
    public override string Permission => "ICA: POST " + IcaApi.StorageCredentialsPath;

    /// <inheritdoc />
    public override string Resource => Name;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => new("ica_storage_credential", Name);

    /// <summary>Posts the credential from <c>$AWS_ACCESS_KEY_ID</c> and <c>$AWS_SECRET_ACCESS_KEY</c> and captures its id.</summary>
    public override IReadOnlyList<ShellCommand> Commands(CommandContext context) =>
    [
        new CurlCommand($"Create the ICA storage credential {Name} from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY; its id is kept in ${IcaCurl.CredentialIdVariable}",
            $"{IcaCurl.CredentialIdVariable}=$({IcaCurl.Call("POST", ApiUrl, IcaApi.StorageCredentialsPath, new StorageCredentialRequest(Name, StorageCredential.AwsUserType,
                new AwsAccessKey(CliArn.VariableMarker("AWS_ACCESS_KEY_ID"), CliArn.VariableMarker("AWS_SECRET_ACCESS_KEY"))))} | jq -r .id)"),
    ];

    /// <summary>Whether ICA lists a storage credential of this name now (every page of the list): the change's re-read.</summary>
    public Task<ReadBack<StorageCredential>> ReadAsync(IIcaClient ica, CancellationToken ct) => IcaReadBack.CredentialAsync(ica, Name, ct);

    /// <summary>The plan was made from lists without this name: one listed now was made by someone else since.</summary>
    protected override async Task<string?> ChangedSincePlanAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        ReadBack<StorageCredential> now = await ReadAsync(run.Ica, ct).ConfigureAwait(false);
        return now.Outcome == ReadBackOutcome.Exists
            ? $"ICA has a storage credential named {Name} now, which it did not have when the plan was made, so none was created: plan again (pick it from the list, or give the new one another name)."
            : null;
    }

    // A create whose answer was lost is settled by reading ICA again, never by guessing: see LostAnswerMessages.
    /// <inheritdoc />
    protected override async Task<ChangeWrite> WriteAsync(IcaApplyRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        (AwsAccessKey? secret, string? newKeyUser) = run.TakeKey(Source == CredentialSource.NewIamKey);
        if (secret is null)
        {
            return new ChangeWrite(false, "No access key to send: paste it again (IcaKms forgets a pasted secret once it was used or the plan changed).");
        }

        Result<StorageCredential, IcaFailure> created = await run.Ica.CreateStorageCredentialAsync(
            new StorageCredentialRequest(Name, StorageCredential.AwsUserType, secret), ct).ConfigureAwait(false);
        if (created.Value is { } made)
        {
            run.Credential = made;
            return ChangeWrite.Made($"Created the ICA storage credential {made.Name} ({made.Id}).");
        }

        if (created.Failure is { AnswerLost: true } lost)
        {
            ReadBack<StorageCredential> readBack = await ReadAsync(run.Ica, ct).ConfigureAwait(false);
            run.Credential = readBack.Found;
            return new ChangeWrite(readBack.Outcome == ReadBackOutcome.Exists, LostAnswerMessages.Credential(lost, readBack, Name, secret.AccessKeyId, newKeyUser));
        }

        // ICA answered: it refused, so the key is in no ICA credential.
        string orphan = newKeyUser is not null
            ? $" The access key {secret.AccessKeyId} was created in IAM, but its secret is gone (IcaKms never keeps it): delete that key (aws iam delete-access-key --access-key-id {secret.AccessKeyId} --user-name {newKeyUser}) before trying again."
            : string.Empty;
        return new ChangeWrite(false, (created.Failure?.Message ?? "ICA answered without a credential.") + orphan);
    }

    /// <summary>Its create may still show up in ICA (an answer lost, ICA finishing late): the next plan that finds it carries on with it.</summary>
    protected override void WriteFailed(IcaApplyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.UnsettledCredentialName = Name;
    }
}
