using IcaKms.Core.Ica;
using IcaKms.Core.Planning.Ica;
using Microsoft.AspNetCore.Components;

namespace IcaKms.Web.Services;

/// <summary>
/// What the admin chose for the ICA plan: the storage credential (an existing one, a pasted access key of the ICA IAM
/// user, or a new key IcaKms creates), the new credential's name, and whether to share the configuration. A pasted
/// secret is held here only while it is the choice, until the apply takes it, or the connection or the circuit ends. The
/// choices are forgotten with the ICA connection; <see cref="Revision"/> tells the apply flow when a plan is stale.
/// </summary>
public sealed class IcaPlanChoices : IDisposable
{
    private readonly WizardInputs _inputs;
    private readonly AwsConnection _aws;
    private readonly IcaConnection _connection;
    private readonly ChangeSubscriptions _changes = new();
    private string? _newCredentialName;
    private AwsAccessKey? _pastedKey;
    private StorageCredential? _carried;
    private bool _carriedLate;
    private string? _pendingCredentialName;

    public IcaPlanChoices(WizardInputs inputs, AwsConnection aws, IcaConnection connection)
    {
        _inputs = inputs;
        _aws = aws;
        _connection = connection;
        _connection.Changed += Forget;
        _connection.ListsRead += AdoptPendingCredential;
    }

    /// <summary>The admin's storage credential choice, or null.</summary>
    public CredentialChoice? Credential { get; private set; }

    /// <summary>True once a pasted access key is held for the credential (its secret stays here until applied).</summary>
    public bool HasPastedKey => _pastedKey is not null;

    /// <summary>Whether to share the configuration with the tenant.</summary>
    public bool Share { get; private set; }

    /// <summary>The name a new credential gets: as typed, else the ICA IAM user's name as ICA allows names.</summary>
    public string NewCredentialName => _newCredentialName ??
        CredentialChoice.NameFrom(_inputs.Inputs.IamUserName.Length > 0 ? _inputs.Inputs.IamUserName : "icakms-" + _inputs.Inputs.BucketName);

    /// <summary>Why <see cref="NewCredentialName"/> cannot be used, or null.</summary>
    public string? NewCredentialNameProblem => CredentialChoice.NameProblem(NewCredentialName);

    /// <summary>Whether an access key can be created for the ICA IAM user: an AWS session is connected and step 2 names the user.</summary>
    public bool CanCreateIamKey => _aws.IsConnected && _inputs.Validation.IamUserName is { IsValid: true, Value.Length: > 0 };

    /// <summary>
    /// Why the credential choice is an existing credential the admin did not pick: the last apply created it (or a create
    /// whose answer was lost turned out to have made it), so the next plan starts from it. Null otherwise.
    /// </summary>
    public string? CarriedCredentialNote => Credential is { Source: CredentialSource.Existing } chosen && _carried is { } carried && chosen.ExistingId == carried.Id
        ? _carriedLate
            ? $"ICA lists the storage credential {carried.Name} now, although its create had no answer: ICA holds its access key, so keep that key. The next plan uses {carried.Name} (chosen under \"Use an existing credential\"), so nothing is created twice."
            : $"The storage credential {carried.Name} is in ICA now, made by the last apply: the next plan uses it (chosen under \"Use an existing credential\"), so nothing is created twice."
        : null;

    /// <summary>Counts every change of the choices: a plan made at another revision is stale.</summary>
    internal int Revision { get; private set; }

    /// <summary>Re-renders the subscriber after every change of the choices, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(EventCallback callback) => _changes.Subscribe(callback);

    /// <summary>Chooses an existing ICA credential.</summary>
    public Task ChooseExistingCredentialAsync(string credentialId)
    {
        StorageCredential? credential = _connection.Credentials.FirstOrDefault(c => c.Id == credentialId);
        return ChooseAsync(credential is null ? null : new CredentialChoice(CredentialSource.Existing, credential.Id, credential.Name));
    }

    /// <summary>Chooses a new credential from an access key IcaKms creates for the ICA IAM user (after the plan is confirmed).</summary>
    public Task ChooseNewIamKeyAsync() =>
        ChooseAsync(new CredentialChoice(CredentialSource.NewIamKey, null, NewCredentialName, IamUserName: _inputs.Validation.IamUserName.Value));

    /// <summary>
    /// Takes a pasted access key of the ICA IAM user from <paramref name="form"/> through the same hand-off as the API
    /// key; its secret stays here until it is sent to ICA, or forgotten. Returns a message when refused.
    /// </summary>
    public async Task<string?> HoldPastedKeyAsync(ElementReference form)
    {
        HandoffReceipt receipt = await _connection.ReceiveAsync(form);
        if (receipt.Secrets?.Credentials is not { } pasted)
        {
            return IcaConnection.Refused(receipt.Outcome, "the access key");
        }

        if (pasted.Problem() is { } problem)
        {
            return problem;
        }

        if (!pasted.IsLongTerm)
        {
            return "ICA needs the IAM user's long-term access key (AKIA…): temporary credentials (ASIA…) expire and ICA's storage would stop working.";
        }

        if (!_connection.IsConnected)
        {
            return "Connect to ICA first.";
        }

        _pastedKey = new AwsAccessKey(pasted.AccessKeyId.Trim(), pasted.SecretAccessKey.Trim());
        await ChooseAsync(new CredentialChoice(CredentialSource.PastedKey, null, NewCredentialName, _pastedKey.AccessKeyId));
        return null;
    }

    /// <summary>Names the new credential (also the one already chosen, when it is new).</summary>
    public Task SetNewCredentialNameAsync(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _newCredentialName = name.Trim();
        if (Credential is { Source: not CredentialSource.Existing } chosen)
        {
            Credential = chosen with { Name = NewCredentialName };
        }

        Revision++;
        return _changes.NotifyAsync();
    }

    /// <summary>Shares the configuration with the tenant, or not.</summary>
    public Task SetShareAsync(bool share)
    {
        Share = share;
        Revision++;
        return _changes.NotifyAsync();
    }

    /// <summary>Hands the pasted secret to an apply, once: from then on only the apply holds it.</summary>
    internal AwsAccessKey? TakePastedKey()
    {
        AwsAccessKey? key = _pastedKey;
        _pastedKey = null;
        return key;
    }

    /// <summary>
    /// What an apply leaves for the next plan (run by <see cref="WizardCoordinator"/>): a credential it made while the
    /// configuration was not made becomes the choice; a new credential whose create failed is looked for in ICA's next
    /// lists; a pasted key's choice is dropped, as its secret is gone.
    /// </summary>
    internal void CarryOn(IcaApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _pendingCredentialName = null;
        if (result.Credential is { } made && result.ConfigurationId is null)
        {
            _carried = made;
            _carriedLate = false;
            Credential = new CredentialChoice(CredentialSource.Existing, made.Id, made.Name);
        }
        else if (result.Credential is null && Credential is { Source: not CredentialSource.Existing } && result.UnsettledCredentialName is { } unsettled)
        {
            // Its create may still show up in ICA (an answer lost, ICA finishing late): a plan that finds it carries on with it.
            _pendingCredentialName = unsettled;
        }

        if (Credential?.Source == CredentialSource.PastedKey)
        {
            Credential = null;
        }

        Revision++;
    }

    /// <summary>Forgets the choices and any held secret for "Start over" (run by <see cref="WizardCoordinator"/>); returns what Undo brings back.</summary>
    internal IcaChoices StartOver()
    {
        var kept = new IcaChoices(Credential, Share, _newCredentialName);
        Forget();
        _newCredentialName = null;
        return kept;
    }

    /// <summary>Brings back the choices <see cref="StartOver"/> forgot; a pasted key's choice stays forgotten (its secret is gone).</summary>
    internal void Restore(IcaChoices choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Credential = choices.Credential is { Source: CredentialSource.PastedKey } ? null : choices.Credential;
        Share = choices.Share;
        _newCredentialName = choices.NewCredentialName;
        Revision++;
    }

    /// <summary>Tells the subscribers (after the coordinator changed the choices).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();

    /// <summary>The end of the circuit: a held secret is dropped.</summary>
    public void Dispose()
    {
        _connection.Changed -= Forget;
        _connection.ListsRead -= AdoptPendingCredential;
        _pastedKey = null;
    }

    private async Task ChooseAsync(CredentialChoice? choice)
    {
        if (choice?.Source != CredentialSource.PastedKey)
        {
            // A pasted secret is held only while it is the choice.
            _pastedKey = null;
        }

        Credential = choice;
        Revision++;
        await _changes.NotifyAsync();
    }

    // A credential whose create failed without a certain answer, now listed by ICA: the plan carries on with it.
    private void AdoptPendingCredential()
    {
        if (_pendingCredentialName is { } name && _connection.Credentials.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal)) is { } found)
        {
            _pendingCredentialName = null;
            _carried = found;
            _carriedLate = true;
            Credential = new CredentialChoice(CredentialSource.Existing, found.Id, found.Name);
            Revision++;
        }
    }

    // The connection ended or was replaced, or the wizard starts over: the choices, the carried credential and any held secret go.
    private void Forget()
    {
        _pastedKey = null;
        Credential = null;
        Share = false;
        _carried = null;
        _pendingCredentialName = null;
        Revision++;
    }
}

/// <summary>The admin's ICA choices as they were before "Start over" (no secret).</summary>
internal sealed record IcaChoices(CredentialChoice? Credential, bool Share, string? NewCredentialName);
