using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Wizard;

/// <summary>
/// A wizard step or panel: redraws whenever the wizard's inputs or the live session change, also when the change came
/// from elsewhere (restored from the browser, "Start over", another panel, an inspection that finished).
/// </summary>
public abstract class WizardStepBase : ComponentBase, IDisposable
{
    private IDisposable? _stateSubscription;
    private IDisposable? _sessionSubscription;

    [Inject]
    protected WizardState State { get; set; } = null!;

    [Inject]
    protected WizardSession Session { get; set; } = null!;

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
            _sessionSubscription?.Dispose();
        }
    }

    /// <summary>
    /// Whether this part shows the wizard's inputs and so redraws when they change (each keystroke); false for a part
    /// that shows only the live session, which then redraws on session changes alone.
    /// </summary>
    protected virtual bool ShowsInputs => true;

    protected override void OnInitialized()
    {
        if (ShowsInputs)
        {
            _stateSubscription = State.NotifyOnChange(EventCallback.Factory.Create(this, StateHasChanged));
        }

        _sessionSubscription = Session.NotifyOnChange(EventCallback.Factory.Create(this, StateHasChanged));
    }
}
