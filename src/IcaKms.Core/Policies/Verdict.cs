namespace IcaKms.Core.Policies;

/// <summary>The overall outcome of a check, as the review list shows it.</summary>
public enum Verdict
{
    /// <summary>Nothing wrong: the policy does what the spec asks.</summary>
    Pass,

    /// <summary>The policy works, but something deserves a look (broader than needed, not analysed, …).</summary>
    Warning,

    /// <summary>The policy is not usable as it is, or the text is not a policy at all.</summary>
    Fail,
}
