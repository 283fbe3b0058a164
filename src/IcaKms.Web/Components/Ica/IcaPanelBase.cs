using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Ica;

/// <summary>A panel of the ICA flow: redraws when the wizard, the AWS session or the ICA session changes.</summary>
public abstract class IcaPanelBase : WizardStepBase
{
    private IDisposable? _icaSubscription;

    [Inject]
    protected IcaSession Ica { get; set; } = null!;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _icaSubscription = Ica.NotifyOnChange(EventCallback.Factory.Create(this, StateHasChanged));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _icaSubscription?.Dispose();
        }

        base.Dispose(disposing);
    }
}
