using IcaKms.Core;
using IcaKms.Core.Aws;
using Microsoft.AspNetCore.Components;
using static IcaKms.Web.Services.AwsConnection;

namespace IcaKms.Web.Services;

/// <summary>What the key picker is doing.</summary>
public enum KeyPickerActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>The region's usable keys are listed.</summary>
    Loading,
}

/// <summary>
/// The key picker of step 1: the region's usable KMS keys, listed on request under the AWS connection. Its own flow
/// (beside <see cref="AwsInspection"/>) so listing keys and inspecting can run side by side, as they always could.
/// </summary>
public sealed class KeyPicker : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly AwsConnection _connection;
    private readonly ChangeSubscriptions _changes = new();
    private readonly FlowActivity<KeyPickerActivity, ConnectedSession> _activity;

    public KeyPicker(WizardInputs inputs, AwsConnection connection)
    {
        _inputs = inputs;
        _connection = connection;
        _activity = new FlowActivity<KeyPickerActivity, ConnectedSession>(connection, _changes);
        _connection.Changed += Forget;
    }

    public KeyPickerActivity Activity => _activity.Current;

    /// <summary>True while the keys are listed (derived from <see cref="Activity"/>).</summary>
    public bool IsLoadingKeys => Activity == KeyPickerActivity.Loading;

    /// <summary>The keys offered by the key picker, or null until loaded.</summary>
    public Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>? KeyChoices { get; private set; }

    /// <summary>Re-renders the subscriber after every change of this flow, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>Loads the region's usable keys for the key picker.</summary>
    public Task LoadKeyChoicesAsync()
    {
        if (!_activity.IsIdle)
        {
            return Task.CompletedTask;
        }

        string region = _inputs.Inputs.AwsRegion;
        return _activity.RunAsync(
            KeyPickerActivity.Loading,
            connected => connected.Gateways(region).Kms.ListUsableKeysAsync(connected.Token),
            (_, keys) =>
            {
                KeyChoices = keys;
                return Task.CompletedTask;
            });
    }

    /// <summary>Forgets the keys listed (Disconnect, a new connection, "Start over").</summary>
    internal void Forget()
    {
        KeyChoices = null;
        _activity.Reset();
    }

    /// <summary>Tells the subscribers (after the coordinator made this flow forget).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    public void Dispose() => _connection.Changed -= Forget;
}
