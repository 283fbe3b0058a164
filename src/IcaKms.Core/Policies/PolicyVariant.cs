namespace IcaKms.Core.Policies;

/// <summary>Which of the spec's two IAM policies a bucket needs, decided by its versioning state.</summary>
public enum PolicyVariant
{
    /// <summary>Versioning was never enabled on the bucket.</summary>
    Unversioned,

    /// <summary>Versioning is <c>Enabled</c> or <c>Suspended</c>: the object versions must be reachable too.</summary>
    Versioned,
}
