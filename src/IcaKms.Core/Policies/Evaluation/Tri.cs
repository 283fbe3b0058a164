namespace IcaKms.Core.Policies.Evaluation;

/// <summary>Whether a statement (or a part of it) applies to a request: yes, no, or cannot be known here.</summary>
public enum Tri
{
    /// <summary>It does not apply.</summary>
    No,

    /// <summary>It applies.</summary>
    Yes,

    /// <summary>It applies only if a condition key whose value is not known here has the right value.</summary>
    Unknown,
}

/// <summary>Kleene's three-valued logic, which is how an unknown condition value travels through AND and OR.</summary>
internal static class TriLogic
{
    public static Tri And(Tri a, Tri b) => a == Tri.No || b == Tri.No ? Tri.No : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.Yes;

    public static Tri Or(Tri a, Tri b) => a == Tri.Yes || b == Tri.Yes ? Tri.Yes : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.No;

    public static Tri Not(Tri a) => a switch { Tri.Yes => Tri.No, Tri.No => Tri.Yes, _ => Tri.Unknown };

    public static Tri Of(bool value) => value ? Tri.Yes : Tri.No;
}
