using IcaKms.Core.Checks;
using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using IcaKms.Core.Setup;

namespace IcaKms.Web.Services;

/// <summary>
/// The one owner of what crosses a circuit's flows, so that no flow writes into another or into the inputs: a key the
/// AWS apply flow created becomes step 1's key, the bucket's live versioning picks the policy variant, a credential the
/// ICA apply made becomes the ICA choice for the next plan, the status ICA's validation settled on shows in ICA's lists,
/// and "Start over" (with its Undo) resets the inputs and every flow, the ICA flows included. Created with the wizard (it
/// subscribes to the flows' outcomes as it is made); the connections themselves survive a Start over.
/// </summary>
public sealed class WizardCoordinator : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly AwsInspection _inspection;
    private readonly KeyPicker _keys;
    private readonly AwsApply _apply;
    private readonly IcaFlows _ica;
    private readonly WizardStorage _storage;

    public WizardCoordinator(WizardInputs inputs, AwsInspection inspection, KeyPicker keys, AwsApply apply, IcaFlows ica, WizardStorage storage)
    {
        ArgumentNullException.ThrowIfNull(ica);
        _inputs = inputs;
        _inspection = inspection;
        _keys = keys;
        _apply = apply;
        _ica = ica;
        _storage = storage;
        _apply.KeyCreated += OnKeyCreated;
        _inspection.SnapshotChanged += OnSnapshotChanged;
        _ica.Apply.ApplyEnded += OnIcaApplyEnded;
        _ica.Validation.Settled += OnIcaValidationSettled;
    }

    /// <summary>
    /// Forgets every input, what the AWS flows inspected, listed and planned, the ICA flow's choices and plan, the rotation's plan and state, and what
    /// the browser kept; the AWS and ICA connections stay. Returns what <see cref="UndoStartOverAsync"/> brings back.
    /// </summary>
    public async Task<StartedOver> StartOverAsync()
    {
        var undo = new StartedOver(_inputs.Inputs, _ica.Choices.StartOver());
        _inputs.Reset();
        _inspection.Forget();
        _keys.Forget();
        _apply.Forget();
        _ica.Apply.Forget();
        _ica.Rotation.Forget();
        _ica.Validation.Forget();
        await _inspection.NotifyAsync();
        await _keys.NotifyAsync();
        await _apply.NotifyAsync();
        await _ica.Choices.NotifyAsync();
        await _ica.Apply.NotifyAsync();
        await _ica.Rotation.NotifyAsync();
        await _ica.Validation.NotifyAsync();
        await _storage.ClearAsync();
        return undo;
    }

    /// <summary>Brings back the inputs and the ICA choices of a Start over; never credentials, which Start over does not touch.</summary>
    public Task UndoStartOverAsync(StartedOver startedOver)
    {
        ArgumentNullException.ThrowIfNull(startedOver);
        _inputs.Restore(startedOver.Inputs);
        _ica.Choices.Restore(startedOver.IcaChoices);
        return _ica.Choices.NotifyAsync();
    }

    public void Dispose()
    {
        _apply.KeyCreated -= OnKeyCreated;
        _inspection.SnapshotChanged -= OnSnapshotChanged;
        _ica.Apply.ApplyEnded -= OnIcaApplyEnded;
        _ica.Validation.Settled -= OnIcaValidationSettled;
    }

    // What an ICA apply made (or left unsettled) is where the next plan starts from; a pasted secret's choice goes.
    private void OnIcaApplyEnded(IcaApplyResult result) => _ica.Choices.CarryOn(result);

    // ICA's lists show the status its validation ended with, not the one read before it.
    private void OnIcaValidationSettled(StorageConfiguration settled) => _ica.Connection.ShowStatus(settled);

    // A new key replaces step 1's key before the apply flow inspects again, so the inspection reads the new key.
    private void OnKeyCreated(string keyArn) => _inputs.SetKeyArn(keyArn);

    // The bucket's live versioning picks the policy variant; forgetting the inspection forgets why it was picked.
    private void OnSnapshotChanged(LiveSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            _inputs.ForgetLiveVersioning();
        }
        else if (snapshot.BucketRegion.Succeeded && snapshot.Versioning is { Succeeded: true } versioning)
        {
            _inputs.ApplyLiveVersioning(versioning.Value);
        }
    }
}

/// <summary>What a "Start over" forgot that its Undo brings back: the inputs and the ICA flow's choices (no secret).</summary>
public sealed class StartedOver
{
    internal StartedOver(SetupInputs inputs, IcaChoices icaChoices)
    {
        Inputs = inputs;
        IcaChoices = icaChoices;
    }

    /// <summary>The inputs before the Start over.</summary>
    public SetupInputs Inputs { get; }

    internal IcaChoices IcaChoices { get; }
}
