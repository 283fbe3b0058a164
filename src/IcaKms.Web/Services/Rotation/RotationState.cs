using IcaKms.Core.Ica;

namespace IcaKms.Web.Services.Rotation;

/// <summary>A rotation whose new key reached ICA: what retiring and deleting the old key work from (key ids, never a secret).</summary>
/// <param name="Credential">The rotated credential.</param>
/// <param name="UserName">The IAM user.</param>
/// <param name="OldKeyId">The key ICA held before.</param>
/// <param name="NewKeyId">The key ICA holds now, or null when IAM's list did not show it.</param>
/// <param name="RotatedAt">When the rotation started (a use of the old key after it means something else holds it).</param>
/// <param name="Configurations">The configurations validated on the new key.</param>
public sealed record RotationState(
    StorageCredential Credential, string UserName, string OldKeyId, string? NewKeyId, DateTimeOffset RotatedAt, IReadOnlyList<StorageConfiguration> Configurations)
{
    /// <summary>True once the old key is inactive.</summary>
    public bool Retired { get; init; }

    /// <summary>True once the old key is deleted.</summary>
    public bool Deleted { get; init; }

    /// <summary>True once ICA took the old key back (the rollback's first half); the new key is deleted only after ICA reads OK on it.</summary>
    public bool IcaHoldsOldKey { get; init; }

    /// <summary>True once the rollback ended: ICA validated on the old key and the new key is deleted.</summary>
    public bool RolledBack { get; init; }
}
