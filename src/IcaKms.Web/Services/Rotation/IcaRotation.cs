using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Rotation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace IcaKms.Web.Services.Rotation;

/// <summary>
/// The access-key rotation of an existing storage credential (issue 22), as one circuit sees it: what the admin chose, the
/// IAM user's keys, the plan, how far the rotation went and what its last step did, and the one activity its flows share.
/// The flows write it, one job each: <see cref="KeyRotation"/> (plan → rotate, or the <see cref="UnverifiedKeyTest"/>),
/// <see cref="OldKeyRetirement"/> (retire → delete) and <see cref="RotationRollback"/>, each step applied through
/// <see cref="RotationChanges"/>. The rotation panel reads it; the coordinator makes it forget ("Start over").
/// ICA's configurations do not name their credential, so the configuration validated is the wizard's own (step 3's name).
/// </summary>
public sealed class IcaRotation : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly IcaConnection _connection;
    private readonly IcaValidationWatcher _validation;
    private readonly ChangeSubscriptions _changes = new();
    private readonly FlowActivity<IcaRotationActivity, ConnectedIca> _activity;

    public IcaRotation(WizardInputs inputs, IcaConnection connection, IcaValidationWatcher validation, IOptions<IcaKmsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IamWaitSetting = options.Value.IamPropagationWait;
        _inputs = inputs;
        _connection = connection;
        _validation = validation;
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

    /// <summary>The IAM user's keys as the last step read them (ids, status, last use; never a secret).</summary>
    public IReadOnlyList<AccessKeyUse> Keys { get; private set; } = [];

    /// <summary>Why the keys could not be read, or null.</summary>
    public string? KeysProblem { get; private set; }

    /// <summary>The current plan, or null.</summary>
    public RotationPlan? Plan { get; internal set; }

    /// <summary>The rotation applied (new key in ICA, validation started), or null.</summary>
    public RotationState? Rotated { get; internal set; }

    /// <summary>What the last step (rotate, retire, delete or roll back) did, or null.</summary>
    public ApplyResult? LastStep { get; internal set; }

    /// <summary>What the test of the unverified key showed (whether the admin's answer was right), or null.</summary>
    public string? UnverifiedOutcome { get; internal set; }

    /// <summary>What the validation after retiring showed when it did not read OK (and whether the old key is active again), or null.</summary>
    public string? RetireOutcome { get; internal set; }

    /// <summary>True while ICA validates without the just deactivated old key (nothing else is offered meanwhile).</summary>
    public bool RetireChecking { get; internal set; }

    /// <summary>How long a deactivation waits for IAM before ICA validates (<c>IcaKms:IamPropagationWait</c>, else Core's default).</summary>
    public TimeSpan IamWait => IamPropagation.Or(IamWaitSetting);

    /// <summary>
    /// True when the validation after the rotation reads <c>ERROR</c> and the old key is still there to go back to (not
    /// deleted, not rolled back already).
    /// </summary>
    public bool CanRollBack => Rotated is { Deleted: false, RolledBack: false, NewKeyId: not null } &&
        _validation.Validation?.Configuration?.Status == StorageConfigurationStatus.Error;

    /// <summary>The IAM user whose key ICA holds (step 3's IAM user name), or null when not given.</summary>
    public string? UserName => _inputs.Validation.IamUserName is { IsValid: true, Value: { Length: > 0 } name } ? name : null;

    /// <summary>The configuration validated on the new key: the wizard's own, when ICA has it.</summary>
    public StorageConfiguration? Configuration => _connection.Existing;

    /// <summary>The credentials that can be rotated: ICA's <c>AWS_USER</c> credentials.</summary>
    public IReadOnlyList<StorageCredential> Credentials => [.. _connection.Credentials.Where(c => c.Type == StorageCredential.AwsUserType)];

    /// <summary>The credential chosen, while ICA still lists it as one that can be rotated; else null.</summary>
    public StorageCredential? Credential => Credentials.FirstOrDefault(c => c.Id == CredentialId);

    /// <summary>The configured IAM propagation wait (<c>IcaKms:IamPropagationWait</c>), or null for Core's default.</summary>
    internal TimeSpan? IamWaitSetting { get; }

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

    /// <summary>Forgets the plan and the rotation (the ICA connection changed, or "Start over").</summary>
    internal void Forget()
    {
        CredentialId = null;
        HeldKeyId = null;
        Keys = [];
        KeysProblem = null;
        StartAgain();
        _activity.Reset();
    }

    /// <summary>Forgets what a rotation did and showed (a new plan starts one afresh); the choices stay.</summary>
    internal void StartAgain()
    {
        Plan = null;
        Rotated = null;
        LastStep = null;
        UnverifiedOutcome = null;
        RetireOutcome = null;
    }

    /// <summary>Keeps the IAM user's keys as a step read them, or why they could not be read.</summary>
    internal void KeepKeys((IReadOnlyList<AccessKeyUse> Keys, string? Problem) read) => (Keys, KeysProblem) = read;

    /// <summary>Runs a step of a flow under the ICA connection as the rotation's one activity (see <see cref="FlowActivity{TActivity, TSession}"/>).</summary>
    internal Task RunAsync<TResult>(IcaRotationActivity activity, Func<ConnectedIca, Task<TResult>> work, Func<ConnectedIca, TResult, Task> keep) =>
        _activity.RunAsync(activity, work, keep);

    /// <summary>As <see cref="RunAsync"/>, under a connection the flow already holds (a step of a longer intent).</summary>
    internal Task RunUnderAsync<TResult>(ConnectedIca connected, IcaRotationActivity activity, Func<ConnectedIca, Task<TResult>> work, Func<ConnectedIca, TResult, Task> keep) =>
        _activity.RunUnderAsync(connected, activity, work, keep);

    /// <summary>Tells the subscribers (after a flow or the coordinator changed the rotation).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    public void Dispose() => _connection.Changed -= Forget;
}
