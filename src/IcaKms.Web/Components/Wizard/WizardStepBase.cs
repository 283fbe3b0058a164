using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Wizard;

/// <summary>
/// A wizard step or panel: redraws whenever the wizard's inputs or an AWS flow (connection, inspection, key picker, apply) change, also when the change came
/// from elsewhere (restored from the browser, "Start over", another panel, an inspection that finished).
/// </summary>
public abstract class WizardStepBase : ComponentBase, IDisposable
{
    private IDisposable? _stateSubscription;
    private IDisposable[] _flowSubscriptions = [];

    [Inject]
    protected WizardInputs State { get; set; } = null!;

    [Inject]
    protected AwsConnection Connection { get; set; } = null!;

    [Inject]
    protected AwsInspection Inspection { get; set; } = null!;

    [Inject]
    protected KeyPicker KeyPicker { get; set; } = null!;

    [Inject]
    protected AwsApply AwsApply { get; set; } = null!;

    [Inject]
    protected ChangeRecorder Recorder { get; set; } = null!;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends the subscriptions; a derived panel ends its own too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stateSubscription?.Dispose();
            foreach (IDisposable subscription in _flowSubscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    /// <summary>
    /// Whether this part shows the wizard's inputs and so redraws when they change (each keystroke); false for a part
    /// that shows only the live flows, which then redraws on their changes alone.
    /// </summary>
    protected virtual bool ShowsInputs => true;

    protected override void OnInitialized()
    {
        if (ShowsInputs)
        {
            _stateSubscription = State.NotifyOnChange(EventCallback.Factory.Create(this, StateHasChanged));
        }

        EventCallback redraw = EventCallback.Factory.Create(this, StateHasChanged);
        _flowSubscriptions =
        [
            Connection.NotifyOnChange(redraw),
            Inspection.NotifyOnChange(redraw),
            KeyPicker.NotifyOnChange(redraw),
            AwsApply.NotifyOnChange(redraw),
        ];
    }
}
