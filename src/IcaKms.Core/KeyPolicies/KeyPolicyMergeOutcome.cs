using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.KeyPolicies;

/// <summary>What a key-policy merge decided.</summary>
public enum KeyPolicyMergeOutcome
{
    /// <summary>The cross-account statement was appended after the existing statements.</summary>
    Added,

    /// <summary>The statement with the spec's Sid was replaced, at the same position, by the spec's statement.</summary>
    Replaced,

    /// <summary>The policy already holds exactly the spec's statement for the role: nothing to send.</summary>
    NoChange,

    /// <summary>The merge was refused; the result's message says why and what to do.</summary>
    Refused,
}
