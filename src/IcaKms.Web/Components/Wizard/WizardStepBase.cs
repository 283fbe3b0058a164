using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Wizard;

/// <summary>
/// A wizard step: redraws whenever the wizard's inputs change, also when the change came from elsewhere
/// (restored from the browser, "Start over", a value picked in another panel).
/// </summary>
public abstract class WizardStepBase : ComponentBase, IDisposable
{
    [Inject]
    protected WizardState State { get; set; } = null!;

    public void Dispose()
    {
        State.Changed -= OnStateChanged;
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized() => State.Changed += OnStateChanged;

    private void OnStateChanged() => _ = InvokeAsync(StateHasChanged);
}
