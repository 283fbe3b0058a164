using IcaKms.Core;
using IcaKms.Core.Applying;
using IcaKms.Core.Aws;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Planning.Rotation;
using IcaKms.Core.Setup;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Services;

/// <summary>What the rotation flow is doing.</summary>
public enum IcaRotationActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>The IAM user's keys are read and the rotation planned.</summary>
    Planning,

    /// <summary>New key → ICA's updateSecrets → validation.</summary>
    Rotating,

    /// <summary>The old key is deactivated (the Core rule checks first).</summary>
    Retiring,

    /// <summary>The old key is deleted for good.</summary>
    Deleting,

    /// <summary>ICA gets the old key back from its pasted secret, and validates on it.</summary>
    RollingBack,
}

/// <summary>
/// The access-key rotation of an existing storage credential (issue 22), run under the ICA connection with the AWS
/// connection's IAM gateway: plan (<see cref="RotationPlanner.Plan"/>) → confirm → rotate (new key straight to ICA, then
/// validation) → retire the old key (deactivate, refused by Core until the configuration reads OK) → delete it, a step
/// confirmed on its own. Every step goes through the <see cref="ChangeRecorder"/> (the audit names key ids, never a secret).
/// ICA's configurations do not name their credential, so the configuration validated is the wizard's own (step 3's name).
/// </summary>
public sealed partial class IcaRotation : IDisposable
{
    private static readonly TimeSpan CleanUpLimit = TimeSpan.FromSeconds(30);
    private const string ConnectAws = "Connect to AWS (at the top) again: the IAM user's keys could not be read without your AWS session.";
    private readonly WizardInputs _inputs;
    private readonly IcaConnection _connection;
    private readonly IcaValidationWatcher _validation;
    private readonly AwsConnection _aws;
    private readonly ChangeRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _iamWait;
    private readonly ChangeSubscriptions _changes = new();
    private readonly FlowActivity<IcaRotationActivity, ConnectedIca> _activity;

    public IcaRotation(
        WizardInputs inputs, IcaConnection connection, IcaValidationWatcher validation, AwsConnection aws, ChangeRecorder recorder, TimeProvider time, IOptions<IcaKmsOptions> options)
    {
        _iamWait = options.Value.IamPropagationWait;
        _inputs = inputs;
        _connection = connection;
        _validation = validation;
        _aws = aws;
        _recorder = recorder;
        _time = time;
        _activity = new FlowActivity<IcaRotationActivity, ConnectedIca>(connection, _changes);
        _connection.Changed += Forget;
    }

    public IcaRotationActivity Activity => _activity.Current;

    /// <summary>True while nothing of the rotation is in flight (nor the validation that follows a retire).</summary>
    public bool IsIdle => _activity.IsIdle && !RetireChecking;

    /// <summary>The credential to rotate (an <c>AWS_USER</c> credential of ICA's lists), or null.</summary>
    public string? CredentialId { get; private set; }

    /// <summary>The key the admin says ICA holds (needed when the IAM user has two), or null.</summary>
    public string? HeldKeyId { get; private set; }

    /// <summary>The IAM user's keys as the last plan read them (ids, status, last use; never a secret).</summary>
    public IReadOnlyList<AccessKeyUse> Keys { get; private set; } = [];

    /// <summary>Why the keys could not be read, or null.</summary>
    public string? KeysProblem { get; private set; }

    /// <summary>The current plan, or null.</summary>
    public RotationPlan? Plan { get; private set; }

    /// <summary>The rotation applied (new key in ICA, validation started), or null.</summary>
    public RotationState? Rotated { get; private set; }

    /// <summary>What the last step (rotate, retire or delete) did, or null.</summary>
    public ApplyResult? LastStep { get; private set; }

    /// <summary>The IAM user whose key ICA holds (step 3's IAM user name), or null when not given.</summary>
    public string? UserName => _inputs.Validation.IamUserName is { IsValid: true, Value: { Length: > 0 } name } ? name : null;

    /// <summary>The configuration validated on the new key: the wizard's own, when ICA has it.</summary>
    public StorageConfiguration? Configuration => _connection.Existing;

    /// <summary>The credentials that can be rotated: ICA's <c>AWS_USER</c> credentials.</summary>
    public IReadOnlyList<StorageCredential> Credentials => [.. _connection.Credentials.Where(c => c.Type == StorageCredential.AwsUserType)];

    /// <summary>Re-renders the subscriber after every change of this flow, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>Chooses the credential to rotate; the plan is made again.</summary>
    public Task ChooseCredentialAsync(string? credentialId)
    {
        CredentialId = credentialId;
        HeldKeyId = null;
        Plan = null;
        return _changes.NotifyAsync();
    }

    /// <summary>Confirms which of the user's keys ICA holds (ICA never shows it); the plan is made again.</summary>
    public Task ConfirmHeldKeyAsync(string? accessKeyId)
    {
        HeldKeyId = accessKeyId;
        Plan = null;
        return _changes.NotifyAsync();
    }

    /// <summary>Reads the IAM user's keys with their last use and plans the rotation.</summary>
    public async Task PlanAsync()
    {
        if (!_activity.IsIdle || _aws.Iam is not { } iam || UserName is not { } user || Credentials.FirstOrDefault(c => c.Id == CredentialId) is not { } credential)
        {
            return;
        }

        await _activity.RunAsync(IcaRotationActivity.Planning, async connected =>
        {
            (IReadOnlyList<AccessKeyUse> keys, string? problem) = await ReadKeysAsync(iam, user, connected.Token);
            RotationPlan plan = problem is null
                ? RotationPlanner.Plan(new RotationRequest(_connection.ApiUrl, credential, user, keys, HeldKeyId, Configuration is { } c ? [c] : [], _time.GetUtcNow(), IamWait: _iamWait))
                : RotationPlan.Refused(problem);
            return (keys, problem, plan);
        }, (_, read) =>
        {
            (Keys, KeysProblem, Plan) = read;
            UnverifiedOutcome = null;
            RetireOutcome = null;
            Rotated = null;
            LastStep = null;
            return Task.CompletedTask;
        });
    }

    /// <summary>Applies the confirmed plan: room, new key, ICA's updateSecrets, validation; then watches the validation.</summary>
    public async Task RotateAsync()
    {
        if (_connection.Current is not { } connected || !_activity.IsIdle || Plan is not { Planned: true, HeldKeyId: { } oldKey } plan ||
            Credentials.FirstOrDefault(c => c.Id == CredentialId) is not { } credential || UserName is not { } user || !_recorder.MayApply())
        {
            return;
        }

        if (plan.UnverifiedKeyId is not null)
        {
            await TestUnverifiedAsync(connected, plan, user);
            return;
        }

        _validation.Clear();
        DateTimeOffset rotatedAt = _time.GetUtcNow();
        IcaApplyResult? result = null;
        await _activity.RunUnderAsync(connected, IcaRotationActivity.Rotating, async c =>
        {
            IcaApplyResult applied = await ApplyAsync(c.Client, plan.Changes, null, c.Token);
            await CleanUpAsync(c, user, applied);
            (IReadOnlyList<AccessKeyUse> keys, string? problem) = await ReadKeysAgainAsync(user, c.Token);
            return (applied, keys, problem);
        }, (_, done) =>
        {
            result = done.applied;
            (Keys, KeysProblem) = (done.keys, done.problem);
            LastStep = done.applied.Result;
            Plan = null;
            bool icaHasNewKey = done.applied.Result.Changes.Any(a => a.Change is UpdateStorageCredentialSecretsChange && a.Outcome == ChangeOutcome.Done);
            string? newKey = Keys.FirstOrDefault(k => k.AccessKeyId != oldKey && k.Status == AccessKeyStatus.Active)?.AccessKeyId;
            Rotated = icaHasNewKey ? new RotationState(credential, user, oldKey, newKey, rotatedAt, Configuration is { } conf ? [conf] : []) : null;
            return Task.CompletedTask;
        });

        if (result is { ValidatedName: { } name, ConfigurationId: { } id } && _connection.IsCurrent(connected))
        {
            await _validation.WatchUnderAsync(connected, id, name);
        }
    }

    /// <summary>Deletes the deactivated old key for good (confirmed on its own).</summary>
    public Task DeleteOldAsync() => Rotated is { Retired: true, Deleted: false, IcaHoldsOldKey: false } rotated
        ? StepAsync(IcaRotationActivity.Deleting, RotationPlanner.DeleteOld(rotated.UserName, rotated.OldKeyId), r => Rotated = rotated with { Deleted = true })
        : Task.CompletedTask;

    /// <summary>Forgets the plan and the rotation (the ICA connection changed, or "Start over").</summary>
    internal void Forget()
    {
        CredentialId = null;
        HeldKeyId = null;
        Keys = [];
        KeysProblem = null;
        Plan = null;
        Rotated = null;
        LastStep = null;
        UnverifiedOutcome = null;
        RetireOutcome = null;
        _activity.Reset();
    }

    /// <summary>Tells the subscribers (after the coordinator made this flow forget).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    public void Dispose() => _connection.Changed -= Forget;

    private string Principal => $"ICA API key at {_connection.ApiUrl.Host}" + (_aws.Identity is { } identity ? $"; AWS {identity.Arn}" : string.Empty);

    private async Task StepAsync(IcaRotationActivity activity, IReadOnlyList<IcaPlanChange> changes, Action<ApplyResult> succeeded)
    {
        if (_connection.Current is not { } connected || !_activity.IsIdle || Rotated is not { } rotated || !_recorder.MayApply())
        {
            return;
        }

        await _activity.RunUnderAsync(connected, activity, async c =>
        {
            IcaApplyResult applied = await ApplyAsync(c.Client, changes, null, c.Token);
            (IReadOnlyList<AccessKeyUse> keys, string? problem) = await ReadKeysAgainAsync(rotated.UserName, c.Token);
            return (applied.Result, keys, problem);
        }, (_, done) =>
        {
            LastStep = done.Result;
            (Keys, KeysProblem) = (done.keys, done.problem);
            if (done.Result.Succeeded)
            {
                succeeded(done.Result);
            }

            return Task.CompletedTask;
        });
    }

    // A rotation that stopped (the session ended, the connection changed) after IAM made the new key and before ICA got
    // it leaves a key nothing can use, whose secret is gone: it is deleted at once, on a token of its own, since the
    // session's is cancelled by then. The key ICA holds was never touched.
    private async Task CleanUpAsync(ConnectedIca connected, string user, IcaApplyResult stopped)
    {
        if (RotationPlanner.CleanUp(user, stopped) is not { Count: > 0 } cleanUp || _aws.Iam is null)
        {
            return;
        }

        using var limit = new CancellationTokenSource(CleanUpLimit);
        await ApplyAsync(connected.Client, cleanUp, null, limit.Token);
    }

    // Makes a key active again at once (something may still need it), on a token of its own since the session may have
    // ended meanwhile, then reads the user's keys again; null when the connection changed meanwhile.
    private async Task<ApplyResult?> ReactivateAtOnceAsync(ConnectedIca connected, string user, string keyId)
    {
        using var limit = new CancellationTokenSource(CleanUpLimit);
        IcaApplyResult back = await ApplyAsync(connected.Client, [new ReactivateAccessKeyChange(user, keyId)], null, limit.Token);
        if (!_connection.IsCurrent(connected))
        {
            return null;
        }

        (Keys, KeysProblem) = await ReadKeysAgainAsync(user, connected.Token);
        return back.Result;
    }

    // Applies changes of the rotation through Core's applier, as the signed-in admin, each recorded in the audit.
    private Task<IcaApplyResult> ApplyAsync(IIcaClient client, IReadOnlyList<IcaPlanChange> changes, AwsAccessKey? pastedKey, CancellationToken ct) =>
        IcaApplier.ApplyAsync(client, _aws.Iam, new SetupPlan(WizardStep.IcaConfiguration, [.. changes], [], []), pastedKey, Principal, _time, _recorder.Record, ct);

    // The user's keys read again, or why not (no AWS session).
    private async Task<(IReadOnlyList<AccessKeyUse> Keys, string? Problem)> ReadKeysAgainAsync(string user, CancellationToken ct) =>
        _aws.Iam is { } iam ? await ReadKeysAsync(iam, user, ct) : ([], ConnectAws);

    // The user's keys with their last use: ids and dates only (Core's reader, as the command line reads them).
    private static Task<(IReadOnlyList<AccessKeyUse> Keys, string? Problem)> ReadKeysAsync(IIamGateway iam, string user, CancellationToken ct) =>
        AccessKeyReader.ReadAsync(iam, user, ct);
}
