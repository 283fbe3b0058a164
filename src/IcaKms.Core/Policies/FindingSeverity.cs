namespace IcaKms.Core.Policies;

/// <summary>How much a finding matters; it decides the <see cref="CheckState"/>.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; does not change the verdict.</summary>
    Info,

    /// <summary>Works, but deserves a look; the verdict is at most <see cref="CheckState.Warning"/>.</summary>
    Warning,

    /// <summary>ICA will not work with this policy (or IAM will reject it); the verdict is <see cref="CheckState.Fail"/>.</summary>
    Error,
}
