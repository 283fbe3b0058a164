namespace IcaKms.Core.Policies;

/// <summary>Whether one action the spec requires for the chosen variant is allowed by the policy.</summary>
/// <param name="Action">The required action, as the spec writes it.</param>
/// <param name="Present">True when an <c>Allow</c> statement's action matches it (wildcards such as <c>s3:*</c> count).</param>
/// <param name="GrantedBy">The policy's action that matches it (the exact one if written, else the first wildcard), or null.</param>
/// <param name="Misplaced">True when it is present but only on resources it does not act on (see <see cref="PolicySummary.MisplacedActions"/>).</param>
public sealed record RequiredActionCheck(string Action, bool Present, string? GrantedBy, bool Misplaced)
{
    /// <summary>True when the action is allowed on a resource it acts on.</summary>
    public bool Granted => Present && !Misplaced;
}
