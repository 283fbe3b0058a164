using IcaKms.Core.Applying;
using IcaKms.Core.Ica;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Planning.Ica;

/// <summary>What applying an ICA plan did, and the configuration whose validation to watch.</summary>
/// <param name="Result">Every change with its outcome (the same record as the AWS writes).</param>
/// <param name="ConfigurationId">The id of the configuration created or validated, or null when none got that far.</param>
/// <param name="ValidationStarted">True when ICA accepted the <c>:validate</c> call.</param>
/// <param name="Credential">The storage credential this apply created (or, after a lost answer, found in ICA), or null.</param>
public sealed record IcaApplyResult(ApplyResult Result, string? ConfigurationId, bool ValidationStarted, StorageCredential? Credential = null)
{
    /// <summary>The configuration whose validation ICA accepted, or null.</summary>
    public string? ValidatedName { get; init; }

    /// <summary>An access key IAM made in this apply whose secret never reached ICA (the apply stopped first), or null: delete it.</summary>
    public string? UnsentNewKeyId { get; init; }

    /// <summary>A new credential whose create failed and may still show up in ICA (an answer lost, ICA finishing late), or null.</summary>
    public string? UnsettledCredentialName { get; init; }
}
