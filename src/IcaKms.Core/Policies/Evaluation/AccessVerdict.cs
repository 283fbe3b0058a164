namespace IcaKms.Core.Policies.Evaluation;

/// <summary>AWS's answer to "may P do A on R?".</summary>
public enum AccessVerdict
{
    /// <summary>Allowed, and nothing denies it.</summary>
    Allowed,

    /// <summary>An explicit Deny applies.</summary>
    ExplicitDeny,

    /// <summary>Nothing allows it (implicit deny).</summary>
    ImplicitDeny,

    /// <summary>The answer depends on condition values not known here (see <see cref="AccessDecision.Open"/>).</summary>
    DependsOn,
}
