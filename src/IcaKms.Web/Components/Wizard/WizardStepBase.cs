using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Wizard;

/// <summary>
/// A wizard step or panel: redraws whenever the wizard's inputs or an AWS flow (connection, inspection, key picker, apply) change, also when the change came
/// from elsewhere (restored from the browser, "Start over", another panel, an inspection that finished).
/// </summary>
public abstract class WizardStepBase : ComponentBase, IHandleEvent, IDisposable
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

    /// <summary>
    /// What this part shows of the inputs in its own markup, leaving out what its fields show (a
    /// <see cref="Shared.ValidatedTextField"/> follows its input by itself): the part redraws on a change of the inputs
    /// only when this changed, so a keystroke that only its field shows redraws the field and not the part around it.
    /// Null (the default): it redraws on every change.
    /// </summary>
    protected virtual object? InputsShown => null;

    // InputsShown as the last render drew it.
    private object? _inputsDrawn;

    protected override bool ShouldRender()
    {
        _inputsDrawn = InputsShown;
        return true;
    }

    private void OnInputsChanged()
    {
        if (InputsShown is null || !Equals(InputsShown, _inputsDrawn))
        {
            StateHasChanged();
        }
    }

    // An event given from this part's markup (a field's ValueChanged, set to an intent of the inputs) redraws the part
    // as ComponentBase does, but for a part that says what it shows, only when that changed: a keystroke is an event
    // of the step that gave the field its ValueChanged.
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg)
    {
        Task task = callback.InvokeAsync(arg);
        if (!task.IsCompleted)
        {
            OnInputsChanged();
        }

        await task;
        OnInputsChanged();
    }

    protected override void OnInitialized()
    {
        if (ShowsInputs)
        {
            // No receiver: the part decides itself whether the change is one it shows (OnInputsChanged). The first
            // render, which follows at once, draws these (ShouldRender is not asked before it).
            _inputsDrawn = InputsShown;
            _stateSubscription = State.NotifyOnChange(new EventCallback(null, (Action)OnInputsChanged));
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
