using IcaKms.Web.Components.Wizard;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Components.Ica;

/// <summary>A panel of the ICA flows: redraws when the wizard, an AWS flow or an ICA flow changes.</summary>
public abstract class IcaPanelBase : WizardStepBase
{
    private IDisposable[] _icaSubscriptions = [];

    /// <summary>The ICA connection and ICA's lists.</summary>
    [Inject]
    protected IcaConnection IcaConnection { get; set; } = null!;

    /// <summary>The admin's choices for the ICA plan.</summary>
    [Inject]
    protected IcaPlanChoices IcaChoices { get; set; } = null!;

    /// <summary>Plan → confirm → apply in ICA.</summary>
    [Inject]
    protected IcaApply IcaApply { get; set; } = null!;

    /// <summary>The watch of ICA's validation.</summary>
    [Inject]
    protected IcaValidationWatcher IcaValidation { get; set; } = null!;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        EventCallback redraw = EventCallback.Factory.Create(this, StateHasChanged);
        _icaSubscriptions =
        [
            IcaConnection.NotifyOnChange(redraw),
            IcaChoices.NotifyOnChange(redraw),
            IcaApply.NotifyOnChange(redraw),
            IcaValidation.NotifyOnChange(redraw),
        ];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (IDisposable subscription in _icaSubscriptions)
            {
                subscription.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
