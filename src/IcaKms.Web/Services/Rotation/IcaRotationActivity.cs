namespace IcaKms.Web.Services.Rotation;

/// <summary>What the rotation flows are doing (one activity shared by all of them: one step of a rotation at a time).</summary>
public enum IcaRotationActivity
{
    /// <summary>Nothing in flight.</summary>
    Idle,

    /// <summary>The IAM user's keys are read and the rotation planned.</summary>
    Planning,

    /// <summary>New key → ICA's updateSecrets → validation.</summary>
    Rotating,

    /// <summary>The old key is deactivated (the Core rule checks first).</summary>
    Retiring,

    /// <summary>The old key is deleted for good.</summary>
    Deleting,

    /// <summary>ICA gets the old key back from its pasted secret, and validates on it.</summary>
    RollingBack,
}
