using IcaKms.Core.Aws;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Planning.Ica;

/// <summary>
/// One apply of an ICA plan while it runs: the clients the changes write with, the one-time secrets, and what each change
/// leaves for the next (the new access key, the credential, the configuration's id). A secret is handed on once and
/// dropped; nothing here is logged.
/// </summary>
public sealed class IcaApplyRun
{
    private AwsAccessKey? _pastedKey;
    private CreatedAccessKey? _newKey;

    /// <summary>Starts a run.</summary>
    /// <param name="ica">The client of the admin's API key.</param>
    /// <param name="iam">The connected AWS session's IAM gateway, or null (only a new access key needs it).</param>
    /// <param name="pastedKey">The pasted access key, or null (only a credential made from it needs it).</param>
    public IcaApplyRun(IIcaClient ica, IIamGateway? iam, AwsAccessKey? pastedKey)
    {
        ArgumentNullException.ThrowIfNull(ica);
        Ica = ica;
        Iam = iam;
        _pastedKey = pastedKey;
    }

    /// <summary>The client of the admin's API key.</summary>
    public IIcaClient Ica { get; }

    /// <summary>The AWS session's IAM gateway, or null when no AWS session is connected.</summary>
    public IIamGateway? Iam { get; }

    /// <summary>The clock a change waits on (IAM's propagation after a deactivation); the applier's clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The storage credential this run created (or, after a lost answer, found in ICA), or null.</summary>
    public StorageCredential? Credential { get; internal set; }

    /// <summary>The id of the configuration created or acted on, or null when none got that far.</summary>
    public string? ConfigurationId { get; internal set; }

    /// <summary>The configuration whose validation ICA accepted, or null.</summary>
    public string? ValidatedName { get; internal set; }

    /// <summary>A new credential whose create failed and may still show up in ICA (an answer lost, ICA finishing late), or null.</summary>
    public string? UnsettledCredentialName { get; internal set; }

    /// <summary>The access key a rotation gave the storage credential (ICA answered 204), or null.</summary>
    public string? RotatedKeyId { get; internal set; }

    /// <summary>
    /// The id of an access key IAM made in this run whose secret never left it (the run stopped before the change that
    /// sends it): nothing can use that key, and its secret is gone, so it is to be deleted. Null otherwise.
    /// </summary>
    public string? UnsentNewKeyId => _newKey?.AccessKeyId;

    /// <summary>Keeps the access key IAM just made, for the credential change after it.</summary>
    internal void HoldNewKey(CreatedAccessKey key) => _newKey = key;

    /// <summary>The access key a new credential is made from: the new IAM key, or the pasted one; handed on once, then forgotten.</summary>
    internal (AwsAccessKey? Secret, string? NewKeyUser) TakeKey(bool newIamKey)
    {
        if (newIamKey)
        {
            CreatedAccessKey? made = _newKey;
            _newKey = null;
            return made is null ? (null, null) : (new AwsAccessKey(made.AccessKeyId, made.SecretAccessKey), made.UserName);
        }

        AwsAccessKey? pasted = _pastedKey;
        _pastedKey = null;
        return (pasted, null);
    }
}
