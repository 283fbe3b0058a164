namespace IcaKms.Core.Planning.Rotation;

/// <summary>
/// A rotation in the order it must happen: <see cref="Changes"/> are confirmed and applied first (make room, create
/// the new key, hand it to ICA, validate); the old key is retired later (<see cref="RotationPlanner.Retire"/>, only once
/// every configuration reads <c>OK</c>) and deleted later still (<see cref="RotationPlanner.DeleteOld"/>, a step the
/// admin confirms on its own). Or a <see cref="Refusal"/> saying why none can be planned.
/// </summary>
public sealed record RotationPlan
{
    /// <summary>Why no rotation can be planned, or null.</summary>
    public string? Refusal { get; init; }

    /// <summary>The key ICA holds now (the one to retire), or null with a refusal.</summary>
    public string? HeldKeyId { get; init; }

    /// <summary>Why the user's other key goes first (IAM allows two), or null when there is room.</summary>
    public string? MakeRoomReason { get; init; }

    /// <summary>
    /// The user's other, active key the plan would delete to make room when only the admin's word says ICA holds
    /// <see cref="HeldKeyId"/>; or null. Then <see cref="Changes"/> only deactivate it and validate without it (no new key
    /// yet): on OK ICA does not need it, and the next plan deletes it (inactive) first; on anything else it is made active
    /// again at once (<see cref="RotationPlanner.ReactivateUnverified"/>) and ICA holds it.
    /// </summary>
    public string? UnverifiedKeyId { get; init; }

    /// <summary>The changes up to ICA's validation on the new key (or, with <see cref="UnverifiedKeyId"/>, on none but the held key).</summary>
    public IReadOnlyList<Ica.IcaPlanChange> Changes { get; init; } = [];

    /// <summary>True when a plan was made.</summary>
    public bool Planned => Refusal is null;

    /// <summary>A refusal.</summary>
    public static RotationPlan Refused(string why) => new() { Refusal = why };
}
