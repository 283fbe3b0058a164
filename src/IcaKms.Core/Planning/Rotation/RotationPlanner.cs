using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// Plans the rotation of a storage credential's access key with no downtime: make room (IAM allows two keys), create
/// the new key, hand it straight to ICA, validate every configuration that uses it; retire the old key only once they
/// read OK, and delete it later still. The key ICA holds is never the one removed to make room. Pure: it reads nothing.
/// </summary>
public static class RotationPlanner
{
    /// <summary>How long a key must have signed nothing before the plan may delete it to make room.</summary>
    public static readonly TimeSpan RecentUse = TimeSpan.FromDays(30);

    /// <summary>The rotation up to ICA's validation on the new key, or why there is none.</summary>
    public static RotationPlan Plan(RotationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Configurations.Count == 0)
        {
            return RotationPlan.Refused($"No storage configuration uses {request.Credential.Name}, so a new key could not be validated before the old one is retired: rotate it by hand, or create a configuration first.");
        }

        if (Held(request) is not { } held)
        {
            return RotationPlan.Refused(request.HeldKeyId is { } named
                ? $"{request.UserName} has no access key {named}: the credential {request.Credential.Name} holds a key of another user, or one deleted already. Confirm which key ICA holds."
                : request.Keys.Count == 0
                    ? $"{request.UserName} has no access key at all, so ICA cannot be using one of it: check the IAM user the credential was made for."
                    : $"{request.UserName} has {request.Keys.Count} access keys and ICA does not show which one {request.Credential.Name} holds: confirm which (the one ICA used last is usually it).");
        }

        if (held.Status != AccessKeyStatus.Active)
        {
            return RotationPlan.Refused($"The key ICA holds, {held.AccessKeyId}, is inactive: ICA cannot use it now. Make it active again first (or confirm another key), then rotate.");
        }

        var changes = new List<IcaPlanChange>();
        string? reason = null;
        if (request.Keys.FirstOrDefault(k => k.AccessKeyId != held.AccessKeyId) is { } other)
        {
            reason = MakeRoomReason(other, held, request.Now);
            if (reason is null)
            {
                return RotationPlan.Refused(
                    $"{request.UserName} already has two keys (IAM's maximum) and the one ICA does not hold, {other.AccessKeyId}, is active and signed a request on {other.LastUsed:u}: " +
                    "something else uses it. Find what and move it off that key, or deactivate it, then plan again.");
            }

            if (other.Status == AccessKeyStatus.Inactive && !request.HeldKeyShownByIca
                && request.Configurations.FirstOrDefault(c => c.Status != StorageConfigurationStatus.Ok) is { } notOk)
            {
                // Only the admin's word says ICA holds the named key, and ICA does not read OK: it may be holding the
                // inactive one (IAM is eventually consistent, so a test right after deactivating it could read OK).
                return RotationPlan.Refused(
                    $"The configuration {notOk.Name} reads {notOk.Status}, and only your answer says ICA holds {held.AccessKeyId}: ICA may hold the inactive key {other.AccessKeyId}. " +
                    $"Make {other.AccessKeyId} active again, validate {notOk.Name}, and plan again: no key is deleted while ICA does not read OK.");
            }

            if (other.Status == AccessKeyStatus.Active && !request.HeldKeyShownByIca)
            {
                // Only the admin's word says ICA holds the named key; the other may be the one ICA got from a rotation
                // that stopped after :updateSecrets (IAM reports last use hours late). Test it reversibly before any delete.
                return new RotationPlan
                {
                    HeldKeyId = held.AccessKeyId,
                    UnverifiedKeyId = other.AccessKeyId,
                    MakeRoomReason = $"{reason}. Only your answer says ICA holds {held.AccessKeyId}, so {other.AccessKeyId} is deactivated and ICA validated without it first: " +
                        "if that reads OK the next plan deletes it; if not, it is made active again at once",
                    Changes = [new DeactivateUnverifiedKeyChange(request.UserName, other.AccessKeyId, held.AccessKeyId, [.. request.Configurations.Select(c => c.Id)], other.LastUsed, request.IamWait), .. Validations(request)],
                };
            }

            changes.Add(new DeleteAccessKeyChange(request.UserName, other.AccessKeyId, reason));
        }

        changes.Add(new CreateIamAccessKeyChange(request.UserName));
        changes.Add(new UpdateStorageCredentialSecretsChange(request.ApiUrl, request.Credential.Id, request.Credential.Name, held.AccessKeyId));
        changes.AddRange(Validations(request));
        return new RotationPlan { HeldKeyId = held.AccessKeyId, MakeRoomReason = reason, Changes = changes };
    }

    /// <summary>
    /// After the test of a plan's <see cref="RotationPlan.UnverifiedKeyId"/> read anything but OK: make it active again at
    /// once, since ICA may hold it.
    /// </summary>
    public static IReadOnlyList<IcaPlanChange> ReactivateUnverified(string userName, string unverifiedKeyId) =>
        [new ReactivateAccessKeyChange(userName, unverifiedKeyId)];

    /// <summary>What the test of <paramref name="plan"/>'s unverified key showed, in words for the admin.</summary>
    /// <param name="plan">A plan with <see cref="RotationPlan.UnverifiedKeyId"/>.</param>
    /// <param name="status">How ICA's validation without that key ended (<see cref="StorageConfigurationStatus"/>), or null when the watch did not finish.</param>
    /// <param name="reactivated">Whether the key is active again (after anything but OK).</param>
    public static string UnverifiedOutcome(RotationPlan plan, string? status, bool reactivated)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string key = plan.UnverifiedKeyId ?? throw new ArgumentException("The plan tests no key.", nameof(plan));
        string again = reactivated
            ? $"{key} was made active again at once, and nothing was deleted."
            : $"Making {key} active again failed too: make it active now (aws iam update-access-key --access-key-id {key} --status Active), ICA may need it.";
        return status switch
        {
            StorageConfigurationStatus.Ok =>
                $"ICA validated OK with {key} inactive: ICA holds {plan.HeldKeyId}, as you answered, and does not need {key}. Plan the rotation again: it deletes the inactive {key} first (a step you confirm), then rotates.",
            StorageConfigurationStatus.Error =>
                $"Your answer was wrong: ICA holds {key}, not {plan.HeldKeyId}. Its validation read ERROR once {key} was inactive. {again} " +
                $"Most likely a rotation stopped after ICA got {key}: confirm {key} as the key ICA holds, and retire {plan.HeldKeyId} once nothing else uses it.",
            _ => $"ICA's validation without {key} did not finish, so whether ICA holds it is not known. {again}",
        };
    }

    /// <summary>The retirement, once every configuration reads OK on the new key: deactivate the old key.</summary>
    /// <param name="userName">The IAM user.</param>
    /// <param name="oldKeyId">The key ICA held before.</param>
    /// <param name="configurations">The configurations validated on the new key.</param>
    /// <param name="rotatedAt">When ICA got the new key.</param>
    /// <param name="iamWait">The wait after deactivating, before a validation counts (null: <see cref="IamPropagation.DefaultWait"/>).</param>
    public static IReadOnlyList<IcaPlanChange> Retire(string userName, string oldKeyId, IReadOnlyList<StorageConfiguration> configurations, DateTimeOffset rotatedAt, TimeSpan? iamWait = null)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        return [new DeactivateAccessKeyChange(userName, oldKeyId, [.. configurations.Select(c => c.Id)], rotatedAt, iamWait)];
    }

    /// <summary>The later step the admin confirms on its own: delete the deactivated old key for good.</summary>
    public static IReadOnlyList<IcaPlanChange> DeleteOld(string userName, string oldKeyId) =>
        [new DeleteAccessKeyChange(userName, oldKeyId, "retired by the rotation and inactive since")];

    /// <summary>
    /// The way back. Before the old key was deactivated, ICA gets it back from its pasted secret (IcaKms never knew it) and
    /// the new key is deleted; without that secret there is no way back through ICA, and both keys stay active so ICA
    /// keeps whatever access the new key gives. After deactivation the old key is made active again first.
    /// </summary>
    /// <param name="apiUrl">ICA's API base address.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="userName">The IAM user.</param>
    /// <param name="oldKeyId">The key ICA held before.</param>
    /// <param name="newKeyId">The key the rotation gave ICA.</param>
    /// <param name="oldKeyActive">Whether the old key is still active.</param>
    public static IReadOnlyList<IcaPlanChange> Rollback(Uri apiUrl, StorageCredential credential, string userName, string oldKeyId, string newKeyId, bool oldKeyActive)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var changes = new List<IcaPlanChange>();
        if (!oldKeyActive)
        {
            changes.Add(new ReactivateAccessKeyChange(userName, oldKeyId));
        }

        changes.Add(new RestoreStorageCredentialSecretsChange(apiUrl, credential.Id, credential.Name, oldKeyId));
        changes.Add(new DeleteAccessKeyChange(userName, newKeyId, "the rotation was rolled back"));
        return changes;
    }

    /// <summary>
    /// After a rotation that stopped (the session ended, a change failed) with a new key that never reached ICA: delete
    /// it, so the user is left with the key ICA holds. Nothing when every new key reached ICA.
    /// </summary>
    /// <param name="userName">The IAM user.</param>
    /// <param name="stopped">What the stopped apply did.</param>
    public static IReadOnlyList<IcaPlanChange> CleanUp(string userName, IcaApplyResult stopped)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        return stopped.UnsentNewKeyId is { } id
            ? [new DeleteAccessKeyChange(userName, id, "it was created, but the rotation stopped before ICA got it, and its secret is gone")]
            : [];
    }

    private static IEnumerable<IcaPlanChange> Validations(RotationRequest request) =>
        request.Configurations.Select(c => new ValidateStorageConfigurationChange(request.ApiUrl, c.Name, c.Id));

    // Which key ICA holds: the one named (known or confirmed), else the user's only key.
    private static AccessKeyUse? Held(RotationRequest request) => request.HeldKeyId is { } id
        ? request.Keys.FirstOrDefault(k => k.AccessKeyId == id)
        : request.Keys.Count == 1 ? request.Keys[0] : null;

    // Why the other key may go (inactive, or unused lately), or null when it is in use and must stay. A key made after
    // the one ICA holds and never used is what a rotation leaves when it stops between IAM's create and ICA's update.
    private static string? MakeRoomReason(AccessKeyUse other, AccessKeyUse held, DateTimeOffset now)
    {
        if (other.Status == AccessKeyStatus.Inactive)
        {
            return "IAM allows two keys per user, and this one is inactive (nothing can be using it)";
        }

        if (other.LastUsed is not { } last)
        {
            return other.Created > held.Created
                ? "IAM allows two keys per user, and this one was created after the key ICA holds and never signed a request: most likely left by a rotation that stopped before ICA got it"
                : "IAM allows two keys per user, and this one, not held by ICA, never signed a request";
        }

        return now - last >= RecentUse
            ? $"IAM allows two keys per user, and this one, not held by ICA, last signed a request on {last:u}, over {RecentUse.TotalDays:0} days ago"
            : null;
    }
}
