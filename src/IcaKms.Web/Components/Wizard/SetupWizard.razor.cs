using IcaKms.Core.Setup;
using IcaKms.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace IcaKms.Web.Components.Wizard;

public partial class SetupWizard : IDisposable
{
    private static readonly int StepCount = Enum.GetValues<WizardStep>().Length;

    private readonly bool[] _showErrors = new bool[StepCount];

    private MudStepper? _stepper;
    private int _activeIndex;
    private bool _restored;
    private bool _focusFirstInvalid;
    private bool _showStepTop;
    private Snackbar? _needsAttention;

    private IDisposable? _stateSubscription;

    /// <summary>"Step 3 of 5 — ICA configuration", shown instead of the step labels on narrow screens.</summary>
    private string PhoneStepHeader => _activeIndex < StepCount
        ? $"Step {_activeIndex + 1} of {StepCount} — {StepTitles.Of((WizardStep)_activeIndex)}"
        : "All steps done";

    // The line under a step's title in the stepper (the title template knows a step by its title).
    private static string? StepSecondaryText(string? title) => StepTitles.StepOf(title) is { } step ? StepTitles.SecondaryOf(step) : null;

    // No receiver: an input change does not redraw the wizard (the stepper and every step's frame) by itself; the
    // step shown redraws through its own subscription, and the wizard only when a step's error mark changes.
    protected override void OnInitialized() => _stateSubscription = State.NotifyOnChange(new EventCallback(null, (Func<Task>)OnStateChangedAsync));

    // Which steps show an error mark, as drawn at the last render.
    private int _errorMarks;

    private int ErrorMarks()
    {
        int marks = 0;
        for (int i = 0; i < StepCount; i++)
        {
            marks |= HasError((WizardStep)i) ? 1 << i : 0;
        }

        return marks;
    }

    protected override void OnAfterRender(bool firstRender) => _errorMarks = ErrorMarks();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusFirstInvalid)
        {
            _focusFirstInvalid = false;
            await JS.InvokeVoidAsync("icakms.focusFirstInvalid");
        }

        if (_showStepTop)
        {
            _showStepTop = false;
            await JS.InvokeVoidAsync("icakms.showStepTop");
        }

        if (!firstRender)
        {
            return;
        }

        // localStorage exists only once the circuit is interactive, hence after the first render.
        SetupInputs? kept = await Storage.LoadAsync();
        int? keptStep = await Storage.LoadStepAsync();
        _restored = true;
        if (kept is not null)
        {
            State.Restore(kept);
            await ShowStepAsync(ReachableStep(keptStep ?? 0));
        }
    }

    // The kept step, or the first step before it that is not valid any more (Next would have refused to pass it).
    private int ReachableStep(int step)
    {
        int last = Math.Clamp(step, 0, StepCount - 1);
        for (int i = 0; i < last; i++)
        {
            if (!State.Validation.IsStepValid((WizardStep)i))
            {
                return i;
            }
        }

        return last;
    }

    private async Task ShowStepAsync(int step)
    {
        _activeIndex = step;
        await InvokeAsync(StateHasChanged);
    }

    private async Task OnActiveIndexChangedAsync(int index)
    {
        _activeIndex = index;
        _showStepTop = true;
        if (_restored)
        {
            await Storage.SaveStepAsync(index);
        }
    }

    private async Task OnStateChangedAsync()
    {
        // The warning is about fields that are fixed now: take it away rather than leave it over them.
        if (_needsAttention is not null && State.Validation.IsStepValid((WizardStep)Math.Min(_activeIndex, StepCount - 1)))
        {
            Snackbar.Remove(_needsAttention);
            _needsAttention = null;
        }

        if (ErrorMarks() != _errorMarks)
        {
            StateHasChanged();
        }

        if (_restored)
        {
            await Storage.SaveAsync(State.Inputs);
        }
    }

    private bool HasError(WizardStep step) => _showErrors[(int)step] && !State.Validation.IsStepValid(step);

    // MudStepper asks before every move: moving forward, by Next or by a click on a later step, needs every step up to
    // the last one passed valid; if one is not, its errors show, the focus moves to the first field in error and a
    // warning says why. Moving back is free.
    private Task OnPreviewInteractionAsync(StepperInteractionEventArgs args)
    {
        int last = args.Action switch
        {
            StepAction.Complete => args.StepIndex,
            StepAction.Activate when args.StepIndex > _activeIndex => args.StepIndex - 1,
            _ => -1,
        };
        for (int i = 0; i <= last; i++)
        {
            if (!State.Validation.IsStepValid((WizardStep)i))
            {
                _showErrors[i] = true;
                args.Cancel = true;
                _focusFirstInvalid = true;
                if (_needsAttention is not null)
                {
                    Snackbar.Remove(_needsAttention);
                }

                _needsAttention = Snackbar.Add("Some fields need attention before you go on: see the messages under them.", Severity.Warning);

                // The stepper calls this as a plain delegate, not an event of this component: render so the marks show.
                StateHasChanged();
                break;
            }
        }

        return Task.CompletedTask;
    }

    private async Task GoToStepAsync(WizardStep step)
    {
        _showErrors[(int)step] = true;
        await ShowStepAsync((int)step);
        await Storage.SaveStepAsync((int)step);
    }

    private async Task StartOverAsync()
    {
        int stepBefore = _activeIndex;
        Array.Clear(_showErrors);
        StartedOver startedOver = await Coordinator.StartOverAsync();
        _activeIndex = 0;
        _showStepTop = true;
        if (_stepper is not null)
        {
            await _stepper.ResetAsync(resetErrors: true);
        }

        Snackbar.Add("Started over: every input was cleared.", Severity.Info, options =>
        {
            options.Action = "Undo";
            options.ActionColor = Color.Inherit;
            options.VisibleStateDuration = 10_000;
            options.OnClick = _ => UndoStartOverAsync(startedOver, stepBefore);
        });
    }

    // Brings back the inputs (and the ICA choices) and the step; never credentials, which "Start over" does not keep.
    private async Task UndoStartOverAsync(StartedOver startedOver, int step)
    {
        await Coordinator.UndoStartOverAsync(startedOver);
        await ShowStepAsync(ReachableStep(step));
        await Storage.SaveStepAsync(_activeIndex);
    }

    public void Dispose() => _stateSubscription?.Dispose();
}
