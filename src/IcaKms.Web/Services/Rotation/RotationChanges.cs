using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services.Rotation;

/// <summary>
/// How every step of a rotation is applied, for all of the rotation's flows: through Core's applier as the signed-in admin
/// (each change recorded in the audit by the <see cref="ChangeRecorder"/>, key ids only), with the AWS connection's IAM
/// gateway; then the IAM user's keys are read again, and the step's result kept in <see cref="IcaRotation"/> only while the
/// ICA connection is the one it ran under.
/// </summary>
public sealed class RotationChanges(IcaRotation rotation, IcaConnection connection, AwsConnection aws, ChangeRecorder recorder, TimeProvider time)
{
    private static readonly TimeSpan CleanUpLimit = TimeSpan.FromSeconds(30);
    private const string ConnectAws = "Connect to AWS (at the top) again: the IAM user's keys could not be read without your AWS session.";

    /// <summary>
    /// The ICA connection to run a step under when one may start now: connected, nothing of the rotation in flight, and the
    /// admin allowed to apply (<see cref="ChangeRecorder.MayApply"/>); else null.
    /// </summary>
    internal ConnectedIca? MayStart() => connection.Current is { } connected && rotation.IsIdle && recorder.MayApply() ? connected : null;

    /// <summary>
    /// Applies <paramref name="changes"/> as one step under <paramref name="connected"/>, as <paramref name="activity"/>: a
    /// new key the step made but could not hand to ICA (it stopped in between) is deleted at once, the keys of
    /// <paramref name="user"/> are read again, and while the connection is still that one the keys, the step's result
    /// (<see cref="IcaRotation.LastStep"/>) and then <paramref name="keep"/> are kept. Returns what the applier did, even
    /// when the connection changed meanwhile (the caller may have to undo it), or null when it never finished.
    /// </summary>
    internal async Task<IcaApplyResult?> RunAsync(
        ConnectedIca connected, IcaRotationActivity activity, string user, IReadOnlyList<IcaPlanChange> changes, AwsAccessKey? pastedKey = null, Action<IcaApplyResult>? keep = null)
    {
        IcaApplyResult? applied = null;
        await rotation.RunUnderAsync(connected, activity, async c =>
        {
            applied = await ApplyAsync(c.Client, changes, pastedKey, c.Token);
            await CleanUpAsync(c, user, applied);
            return await ReadKeysAsync(user, c.Token);
        }, (_, keys) =>
        {
            rotation.KeepKeys(keys);
            rotation.LastStep = applied!.Result;
            keep?.Invoke(applied);
            return Task.CompletedTask;
        });
        return applied;
    }

    /// <summary>
    /// A step confirmed on its own after the rotation (deleting a key): applied as <see cref="RunAsync"/> does when a step may
    /// start (<see cref="MayStart"/>) and a rotation is there; only when it succeeded does the rotation become
    /// <paramref name="succeeded"/>.
    /// </summary>
    internal async Task StepAsync(IcaRotationActivity activity, IReadOnlyList<IcaPlanChange> changes, RotationState succeeded)
    {
        if (rotation.Rotated is not { } rotated || MayStart() is not { } connected)
        {
            return;
        }

        await RunAsync(connected, activity, rotated.UserName, changes, keep: applied =>
        {
            if (applied.Result.Succeeded)
            {
                rotation.Rotated = succeeded;
            }
        });
    }

    /// <summary>
    /// Makes a key active again at once (something may still need it), on a token of its own since the session may have
    /// ended meanwhile, then reads the user's keys again; null when the connection changed meanwhile.
    /// </summary>
    internal async Task<ApplyResult?> ReactivateAtOnceAsync(ConnectedIca connected, string user, string keyId)
    {
        using var limit = new CancellationTokenSource(CleanUpLimit);
        IcaApplyResult back = await ApplyAsync(connected.Client, [new ReactivateAccessKeyChange(user, keyId)], null, limit.Token);
        if (!connection.IsCurrent(connected))
        {
            return null;
        }

        rotation.KeepKeys(await ReadKeysAsync(user, connected.Token));
        return back.Result;
    }

    /// <summary>ICA's validation of every configuration the rotation validated on the new key (what a retire or a rollback ends with).</summary>
    internal IEnumerable<IcaPlanChange> Validations(RotationState rotated) =>
        rotated.Configurations.Select(c => new ValidateStorageConfigurationChange(connection.ApiUrl, c.Name, c.Id));

    /// <summary>The IAM user's keys with their last use (ids and dates only, Core's reader as the command line's), or why not.</summary>
    internal async Task<(IReadOnlyList<AccessKeyUse> Keys, string? Problem)> ReadKeysAsync(string user, CancellationToken ct) =>
        aws.Iam is { } iam ? await AccessKeyReader.ReadAsync(iam, user, ct) : ([], ConnectAws);

    private string Principal => $"ICA API key at {connection.ApiUrl.Host}" + (aws.Identity is { } identity ? $"; AWS {identity.Arn}" : string.Empty);

    // A rotation that stopped (the session ended, the connection changed) after IAM made the new key and before ICA got
    // it leaves a key nothing can use, whose secret is gone: it is deleted at once, on a token of its own, since the
    // session's is cancelled by then. The key ICA holds was never touched.
    private async Task CleanUpAsync(ConnectedIca connected, string user, IcaApplyResult stopped)
    {
        if (RotationPlanner.CleanUp(user, stopped) is not { Count: > 0 } cleanUp || aws.Iam is null)
        {
            return;
        }

        using var limit = new CancellationTokenSource(CleanUpLimit);
        await ApplyAsync(connected.Client, cleanUp, null, limit.Token);
    }

    private Task<IcaApplyResult> ApplyAsync(IIcaClient client, IReadOnlyList<IcaPlanChange> changes, AwsAccessKey? pastedKey, CancellationToken ct) =>
        IcaApplier.ApplyAsync(client, aws.Iam, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), pastedKey, Principal, time, recorder.Record, ct);
}
