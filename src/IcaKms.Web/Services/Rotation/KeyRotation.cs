using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;

namespace IcaKms.Web.Services.Rotation;

/// <summary>
/// Plan → confirm → rotate: reads the IAM user's keys and plans with Core (<see cref="RotationPlanner.Plan"/>), then applies
/// the confirmed plan (make room, new key straight to ICA's updateSecrets, validation) and watches ICA's validation. When
/// only the admin's word says which key ICA holds, the plan is the <see cref="UnverifiedKeyTest"/> instead. The old key is
/// left active for <see cref="OldKeyRetirement"/>.
/// </summary>
public sealed class KeyRotation(
    IcaRotation rotation, RotationChanges changes, UnverifiedKeyTest unverified, IcaConnection connection, IcaValidationWatcher validation, AwsConnection aws, TimeProvider time)
{
    /// <summary>Reads the IAM user's keys with their last use and plans the rotation; what an earlier rotation showed is forgotten.</summary>
    public async Task PlanAsync()
    {
        if (!rotation.IsIdle || aws.Iam is null || rotation.UserName is not { } user || rotation.Credential is not { } credential)
        {
            return;
        }

        await rotation.RunAsync(IcaRotationActivity.Planning, async connected =>
        {
            (IReadOnlyList<AccessKeyUse> keys, string? problem) read = await changes.ReadKeysAsync(user, connected.Token);
            RotationPlan plan = read.problem is null
                ? RotationPlanner.Plan(new RotationRequest(
                    connection.ApiUrl, credential, user, read.keys, rotation.HeldKeyId, Configurations, time.GetUtcNow(), IamWait: rotation.IamWaitSetting))
                : RotationPlan.Refused(read.problem);
            return (read, plan);
        }, (_, planned) =>
        {
            rotation.StartAgain();
            rotation.KeepKeys(planned.read);
            rotation.Plan = planned.plan;
            return Task.CompletedTask;
        });
    }

    /// <summary>Applies the confirmed plan: room, new key, ICA's updateSecrets, validation; then watches the validation.</summary>
    public async Task RotateAsync()
    {
        if (rotation.Plan is not { Planned: true, HeldKeyId: { } oldKey } plan || rotation.Credential is not { } credential ||
            rotation.UserName is not { } user || changes.MayStart() is not { } connected)
        {
            return;
        }

        if (plan.UnverifiedKeyId is not null)
        {
            await unverified.TestAsync(connected, plan, user);
            return;
        }

        validation.Clear();
        DateTimeOffset rotatedAt = time.GetUtcNow();
        IReadOnlyList<StorageConfiguration> configurations = Configurations;
        IcaApplyResult? applied = await changes.RunAsync(connected, IcaRotationActivity.Rotating, user, plan.Changes, keep: done =>
        {
            rotation.Plan = null;
            bool icaHasNewKey = done.Result.Changes.Any(a => a.Change is UpdateStorageCredentialSecretsChange && a.Outcome == ChangeOutcome.Done);
            string? newKey = rotation.Keys.FirstOrDefault(k => k.AccessKeyId != oldKey && k.Status == AccessKeyStatus.Active)?.AccessKeyId;
            rotation.Rotated = icaHasNewKey ? new RotationState(credential, user, oldKey, newKey, rotatedAt, configurations) : null;
        });

        if (applied is { ValidatedName: { } name, ConfigurationId: { } id } && connection.IsCurrent(connected))
        {
            await validation.WatchUnderAsync(connected, id, name);
        }
    }

    // The configuration validated on the new key: the wizard's own, when ICA has it.
    private IReadOnlyList<StorageConfiguration> Configurations => rotation.Configuration is { } configuration ? [configuration] : [];
}
