namespace IcaKms.Core.Ica;

/// <summary>
/// What IcaKms says after a create whose answer was lost, once ICA was read again (<see cref="IcaReadBack"/>): only what
/// that read shows. Deleting an access key is advised only when ICA answered that no credential of that name exists;
/// when ICA could not be read, the admin is told what to look at in ICA's UI first.
/// </summary>
public static class LostAnswerMessages
{
    /// <summary>Where ICA's UI lists the storage credentials.</summary>
    public const string CredentialsInIca = "System Settings → Storage → Credentials";

    /// <summary>Where ICA's UI lists the storage configurations.</summary>
    public const string ConfigurationsInIca = "System Settings → Storage → Configuration";

    /// <summary>After the credential <paramref name="name"/> was created with an answer lost.</summary>
    /// <param name="lost">The failure of the create.</param>
    /// <param name="readBack">What reading ICA again showed.</param>
    /// <param name="name">The credential name.</param>
    /// <param name="accessKeyId">The access key sent to ICA.</param>
    /// <param name="newKeyUser">The IAM user when IcaKms created the key (its secret is then gone); null for a pasted key.</param>
    public static string Credential(IcaFailure lost, ReadBack<StorageCredential> readBack, string name, string accessKeyId, string? newKeyUser)
    {
        ArgumentNullException.ThrowIfNull(lost);
        ArgumentNullException.ThrowIfNull(readBack);
        string asked = $"ICA did not answer the creation of the storage credential {name} ({Reason(lost)}), so IcaKms read ICA's storage credentials again";
        string delete = $"aws iam delete-access-key --access-key-id {accessKeyId} --user-name {newKeyUser}";
        return readBack.Outcome switch
        {
            ReadBackOutcome.Exists =>
                $"{asked}: {name} exists ({readBack.Found!.Id}), so ICA created it and holds the access key {accessKeyId}: keep that key. The plan carries on with {name}.",
            ReadBackOutcome.Absent when newKeyUser is not null && MayStillRun(lost) =>
                $"{asked}: there is none named {name}, so ICA has not created it so far. The access key {accessKeyId} was created in IAM, but its secret is gone " +
                $"(IcaKms never keeps it). ICA may still be working on a request it received late: press Refresh before deleting anything. If {name} is listed then, " +
                $"ICA holds the key: keep it (the next plan carries on with {name}). If it is still not listed, no ICA credential holds the key: delete it ({delete}) before trying again.",
            ReadBackOutcome.Absent when newKeyUser is not null =>
                $"{asked}: there is none named {name}, so ICA has not created it. The access key {accessKeyId} was created in IAM, but its secret is gone " +
                $"(IcaKms never keeps it) and no ICA credential holds it: delete that key ({delete}) before trying again.",
            ReadBackOutcome.Absent =>
                $"{asked}: there is none named {name}, so ICA has not created it. Plan again, with the access key {accessKeyId} pasted again (IcaKms forgot its secret).",
            _ when newKeyUser is not null =>
                $"{asked}, but could not ({Reason(readBack.Failure!)}): whether ICA created {name} cannot be known now. Do not delete the access key {accessKeyId}: " +
                $"ICA may hold it. In ICA, open {CredentialsInIca} and look for {name}. If it is listed, ICA holds the key: keep it and plan again " +
                $"(IcaKms carries on with {name}). If it is not, no ICA credential holds the key: delete it ({delete}).",
            _ =>
                $"{asked}, but could not ({Reason(readBack.Failure!)}): whether ICA created {name} cannot be known now. In ICA, open {CredentialsInIca} and look for {name}. " +
                $"If it is listed, plan again: IcaKms carries on with {name}. If it is not, plan again with the access key {accessKeyId} pasted again.",
        };
    }

    /// <summary>After the configuration <paramref name="name"/> was created with an answer lost.</summary>
    /// <param name="lost">The failure of the create.</param>
    /// <param name="readBack">What reading ICA again showed.</param>
    /// <param name="name">The configuration name.</param>
    /// <param name="differences">How the configuration found differs from the request (empty when it is the wizard's).</param>
    /// <param name="credentialName">The storage credential the configuration was to use, when the plan created or found it.</param>
    public static string Configuration(IcaFailure lost, ReadBack<StorageConfiguration> readBack, string name,
        IReadOnlyList<ConfigurationDifference> differences, string? credentialName)
    {
        ArgumentNullException.ThrowIfNull(lost);
        ArgumentNullException.ThrowIfNull(readBack);
        ArgumentNullException.ThrowIfNull(differences);
        string asked = $"ICA did not answer the creation of the storage configuration {name} ({Reason(lost)}), so IcaKms read ICA's storage configurations again";
        string credential = credentialName is null ? string.Empty : $" The storage credential {credentialName} is in ICA and stays: the next plan uses it.";
        return readBack.Outcome switch
        {
            ReadBackOutcome.Exists when differences.Count == 0 =>
                $"{asked}: {name} exists ({readBack.Found!.Id}, status {readBack.Found.Status}) with the wizard's values, so ICA created it. The plan carries on with it.",
            ReadBackOutcome.Exists =>
                $"{asked}: {name} exists with other values ({string.Join("; ", differences.Select(d => $"{d.Field}: {Shown(d.InIca)} in ICA, {Shown(d.InWizard)} here"))}): " +
                $"IcaKms does not change it; look at it in ICA ({ConfigurationsInIca}).",
            ReadBackOutcome.Absent =>
                $"{asked}: there is none named {name}, so ICA has not created it.{credential} Plan again: the plan starts from what ICA has now.",
            _ =>
                $"{asked}, but could not ({Reason(readBack.Failure!)}): whether ICA created {name} cannot be known now. In ICA, open {ConfigurationsInIca} " +
                $"and look for {name} before planning again: if it is listed, the next plan validates it instead of creating another.{credential}",
        };
    }

    /// <summary>The failure in a few words: "no answer in time", "the connection was lost", "HTTP 503".</summary>
    public static string Reason(IcaFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            IcaFailureKind.Timeout => "no answer in time",
            IcaFailureKind.Network when failure.AnswerLost => "the connection was lost",
            IcaFailureKind.Network => "ICA could not be reached",
            IcaFailureKind.Unavailable => "calls to ICA are paused after many failures",
            _ when failure.Status is { } status => $"HTTP {status}",
            _ => failure.Kind.ToString(),
        };
    }

    // A request that timed out or lost its connection may still be running in ICA; one ICA answered (5xx) has ended.
    private static bool MayStillRun(IcaFailure lost) => lost.Kind is IcaFailureKind.Timeout or IcaFailureKind.Network;

    private static string Shown(string value) => value.Length == 0 ? "(none)" : value;
}
