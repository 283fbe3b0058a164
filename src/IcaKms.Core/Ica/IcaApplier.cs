using IcaKms.Core.Aws;
using IcaKms.Core.Applying;
using IcaKms.Core.Planning;

namespace IcaKms.Core.Ica;

/// <summary>
/// Applies a confirmed ICA plan change by change and stops at the first failure, as <see cref="SetupApplier"/> does for
/// AWS. An access key created for the IAM user goes straight into the credential request and is dropped with it; a
/// pasted secret is used once. Nothing here logs.
/// </summary>
public static class IcaApplier
{
    /// <summary>Applies the plan.</summary>
    /// <param name="ica">The client of the admin's API key.</param>
    /// <param name="iam">The connected AWS session's IAM gateway, needed only for <see cref="CreateIamAccessKeyChange"/>.</param>
    /// <param name="plan">The confirmed plan.</param>
    /// <param name="pastedKey">The pasted access key, needed only for a credential made from it.</param>
    /// <param name="principal">Who makes the changes, recorded with each (the ICA key is never named).</param>
    /// <param name="time">The clock of the records.</param>
    /// <param name="onApplied">Told about each change as soon as it ended (the audit log writes it then).</param>
    /// <param name="ct">Stops before the next change.</param>
    public static async Task<IcaApplyResult> ApplyAsync(
        IIcaClient ica,
        IIamGateway? iam,
        SetupPlan plan,
        AwsAccessKey? pastedKey,
        string principal,
        TimeProvider time,
        Action<AppliedChange>? onApplied = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ica);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        var run = new Run(ica, iam, pastedKey);
        IReadOnlyList<AppliedChange> records = await ChangeSequence.ApplyAsync(plan.Changes, change => run.ApplyAsync(change, ct), principal, time, onApplied, ct).ConfigureAwait(false);
        return new IcaApplyResult(new ApplyResult(records), run.ConfigurationId, run.ValidationStarted, run.Credential);
    }

    /// <summary>The ids and the one-time key handed from change to change during one apply.</summary>
    private sealed class Run(IIcaClient ica, IIamGateway? iam, AwsAccessKey? pastedKey)
    {
        private CreatedAccessKey? _newKey;

        public StorageCredential? Credential { get; private set; }

        public string? ConfigurationId { get; private set; }

        public bool ValidationStarted { get; private set; }

        public async Task<(bool Done, string Message)> ApplyAsync(SetupChange change, CancellationToken ct)
        {
            try
            {
                return await ApplyOneAsync(change, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return (false, $"Stopped: the session ended while {change.Permission} was on its way; refresh ICA's lists to see whether it was made.");
            }
        }

        private async Task<(bool Done, string Message)> ApplyOneAsync(SetupChange change, CancellationToken ct)
        {
            switch (change)
            {
                case CreateIamAccessKeyChange c:
                    if (iam is null)
                    {
                        return (false, "Connect to AWS (at the top) first: the access key is created with your AWS session.");
                    }

                    Result<CreatedAccessKey, AwsFailure> key = await iam.CreateAccessKeyAsync(c.UserName, ct).ConfigureAwait(false);
                    if (key.Value is not { } created)
                    {
                        return (false, key.Failure?.Message ?? "IAM answered without a key.");
                    }

                    _newKey = created;
                    return (true, $"Created the access key {created.AccessKeyId} for {c.UserName}; its secret is passed to ICA only.");
                case CreateStorageCredentialChange c:
                    AwsAccessKey? secret = c.Source == CredentialSource.NewIamKey
                        ? _newKey is { } made ? new AwsAccessKey(made.AccessKeyId, made.SecretAccessKey) : null
                        : pastedKey;
                    if (secret is null)
                    {
                        return (false, "No access key to send: paste it again (IcaKms forgets a pasted secret once it was used or the plan changed).");
                    }

                    string? newKeyUser = c.Source == CredentialSource.NewIamKey ? _newKey?.UserName : null;
                    _newKey = null;
                    return await CreateCredentialAsync(c.Name, secret, newKeyUser, ct).ConfigureAwait(false);
                case CreateStorageConfigurationChange c:
                    StorageConfigurationRequest body = c.Request.StorageCredentialId == StorageConfigurationRequest.StorageCredentialIdPlaceholder
                        ? c.Request with { StorageCredentialId = Credential?.Id ?? c.Request.StorageCredentialId }
                        : c.Request;
                    if (body.StorageCredentialId == StorageConfigurationRequest.StorageCredentialIdPlaceholder)
                    {
                        return (false, "No storage credential to use: plan again.");
                    }

                    return await CreateConfigurationAsync(body, ct).ConfigureAwait(false);
                case ShareStorageConfigurationChange c:
                    ConfigurationId ??= c.ConfigurationId;
                    if (ConfigurationId is null)
                    {
                        return (false, "No configuration to share: plan again.");
                    }

                    Result<bool, IcaFailure> shared = await ica.ShareStorageConfigurationAsync(ConfigurationId, ct).ConfigureAwait(false);
                    return shared.Succeeded ? (true, $"Shared {c.Name} with the tenant.") : (false, shared.Failure!.Message);
                case ValidateStorageConfigurationChange c:
                    ConfigurationId ??= c.ConfigurationId;
                    if (ConfigurationId is null)
                    {
                        return (false, "No configuration to validate: plan again.");
                    }

                    Result<bool, IcaFailure> started = await ica.ValidateStorageConfigurationAsync(ConfigurationId, ct).ConfigureAwait(false);
                    ValidationStarted = started.Succeeded;
                    return started.Succeeded ? (true, $"ICA is validating {c.Name}.") : (false, started.Failure!.Message);
                default:
                    return (false, $"IcaKms cannot apply {change.GetType().Name} in ICA.");
            }
        }

        // A create whose answer was lost is settled by reading ICA again, never by guessing: see LostAnswerMessages.
        private async Task<(bool Done, string Message)> CreateCredentialAsync(string name, AwsAccessKey secret, string? newKeyUser, CancellationToken ct)
        {
            Result<StorageCredential, IcaFailure> created = await ica.CreateStorageCredentialAsync(
                new StorageCredentialRequest(name, StorageCredential.AwsUserType, secret), ct).ConfigureAwait(false);
            if (created.Value is { } made)
            {
                Credential = made;
                return (true, $"Created the ICA storage credential {made.Name} ({made.Id}).");
            }

            if (created.Failure is { AnswerLost: true } lost)
            {
                ReadBack<StorageCredential> readBack = await IcaReadBack.CredentialAsync(ica, name, ct).ConfigureAwait(false);
                Credential = readBack.Found;
                return (readBack.Outcome == ReadBackOutcome.Exists, LostAnswerMessages.Credential(lost, readBack, name, secret.AccessKeyId, newKeyUser));
            }

            // ICA answered: it refused, so the key is in no ICA credential.
            string orphan = newKeyUser is not null
                ? $" The access key {secret.AccessKeyId} was created in IAM, but its secret is gone (IcaKms never keeps it): delete that key (aws iam delete-access-key --access-key-id {secret.AccessKeyId} --user-name {newKeyUser}) before trying again."
                : string.Empty;
            return (false, (created.Failure?.Message ?? "ICA answered without a credential.") + orphan);
        }

        private async Task<(bool Done, string Message)> CreateConfigurationAsync(StorageConfigurationRequest body, CancellationToken ct)
        {
            Result<StorageConfiguration, IcaFailure> created = await ica.CreateStorageConfigurationAsync(body, ct).ConfigureAwait(false);
            if (created.Value is { } made)
            {
                ConfigurationId = made.Id;
                return (true, $"Created the ICA storage configuration {made.Name} ({made.Id}), status {made.Status}.");
            }

            if (created.Failure is not { AnswerLost: true } lost)
            {
                return (false, created.Failure?.Message ?? "ICA answered without a configuration.");
            }

            ReadBack<StorageConfiguration> readBack = await IcaReadBack.ConfigurationAsync(ica, body.Name, ct).ConfigureAwait(false);
            IReadOnlyList<ConfigurationDifference> differences = readBack.Found is { } found
                ? StorageConfigurationComparison.Compare(found, body, found.Region)
                : [];
            bool carriesOn = readBack.Outcome == ReadBackOutcome.Exists && differences.Count == 0;
            if (carriesOn)
            {
                ConfigurationId = readBack.Found!.Id;
            }

            return (carriesOn, LostAnswerMessages.Configuration(lost, readBack, body.Name, differences, Credential?.Name));
        }
    }
}
