namespace IcaKms.Core.Policies.Evaluation;

/// <summary>How a resource-policy statement's principal element covers the requesting principal.</summary>
public enum PrincipalMatch
{
    /// <summary>It does not.</summary>
    None,

    /// <summary>It names the principal's account (id or root ARN): the account delegates to its identity policies.</summary>
    Account,

    /// <summary>It names the principal itself (its ARN, its role for a role session, <c>"*"</c>, or it is a <c>NotPrincipal</c> that leaves it out).</summary>
    Direct,
}
