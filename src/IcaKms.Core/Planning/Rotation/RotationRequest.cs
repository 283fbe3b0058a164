using IcaKms.Core.Ica;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>What a rotation of a storage credential's access key is planned from.</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Credential">The <c>AWS_USER</c> storage credential whose key is rotated.</param>
/// <param name="UserName">The IAM user whose access key the credential holds.</param>
/// <param name="Keys">The user's access keys with their last use.</param>
/// <param name="HeldKeyId">
/// The key ICA holds: known, or confirmed by the admin (ICA never shows it); null when not known, which is enough only
/// when the user has a single key.
/// </param>
/// <param name="Configurations">The storage configurations that use the credential: each is validated on the new key.</param>
/// <param name="Now">The time the plan is made (how recently a key was used is measured from it).</param>
/// <param name="HeldKeyShownByIca">
/// True when <paramref name="HeldKeyId"/> was read from ICA; false (the default) when it is the admin's word, which is never
/// enough to delete the other key: an active one is first made inactive and ICA validated without it.
/// </param>
/// <param name="IamWait">
/// The wait after a key is deactivated, before the validation that follows counts (null: <see cref="IamPropagation.DefaultWait"/>).
/// </param>
public sealed record RotationRequest(
    Uri ApiUrl,
    StorageCredential Credential,
    string UserName,
    IReadOnlyList<AccessKeyUse> Keys,
    string? HeldKeyId,
    IReadOnlyList<StorageConfiguration> Configurations,
    DateTimeOffset Now,
    bool HeldKeyShownByIca = false,
    TimeSpan? IamWait = null);
