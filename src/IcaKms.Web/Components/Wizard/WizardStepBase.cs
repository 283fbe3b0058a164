using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Wizard;

/// <summary>
/// A wizard step or panel: redraws whenever the wizard's inputs, the AWS connection or the live inspection change,
/// also when the change came from elsewhere (restored from the browser, "Start over", another panel).
/// </summary>
public abstract class WizardStepBase : ComponentBase, IDisposable
{
    [Inject]
    protected WizardState State { get; set; } = null!;

    [Inject]
    protected AwsConnection Connection { get; set; } = null!;

    [Inject]
    protected LiveInspection Live { get; set; } = null!;

    public void Dispose()
    {
        State.Changed -= OnChanged;
        Connection.Changed -= OnChanged;
        Live.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized()
    {
        State.Changed += OnChanged;
        Connection.Changed += OnChanged;
        Live.Changed += OnChanged;
    }

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);
}
