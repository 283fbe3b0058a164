using IcaKms.Core.Ica;

namespace IcaKms.Web.Services;

/// <content>
/// "Start over" for the ICA flow (run by <see cref="WizardCoordinator"/>): the admin's choices, the plan and what was
/// applied are forgotten, and a held pasted key with them; the ICA connection and its lists stay, as the AWS connection
/// does. Undo brings the choices back, never a pasted secret.
/// </content>
public sealed partial class IcaSession
{
    /// <summary>Forgets the choices, the plan, what was applied and the validation watch; returns what Undo brings back.</summary>
    internal IcaChoices StartOver()
    {
        var kept = new IcaChoices(Credential, Share, _newCredentialName);
        if (_connection is { } connection)
        {
            connection.PastedKey = null;
        }

        Credential = null;
        Share = false;
        _newCredentialName = null;
        ForgetPlan();
        ForgetApplied();
        return kept;
    }

    /// <summary>Brings back the choices <see cref="StartOver"/> forgot; a pasted key's choice stays forgotten (its secret is gone).</summary>
    internal void Restore(IcaChoices choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Credential = choices.Credential is { Source: CredentialSource.PastedKey } ? null : choices.Credential;
        Share = choices.Share;
        _newCredentialName = choices.NewCredentialName;
        ForgetPlan();
    }

    /// <summary>Tells the subscribers (after the coordinator started over or undid it).</summary>
    internal Task NotifyAsync() => _changes.NotifyAsync();
}

/// <summary>The admin's ICA choices as they were before "Start over" (no secret).</summary>
internal sealed record IcaChoices(CredentialChoice? Credential, bool Share, string? NewCredentialName);
