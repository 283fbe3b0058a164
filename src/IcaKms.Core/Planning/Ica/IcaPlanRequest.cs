using IcaKms.Core.Ica;

namespace IcaKms.Core.Planning.Ica;

/// <summary>What the ICA plan is computed from: the wizard's configuration and what ICA holds now.</summary>
/// <param name="ApiUrl">ICA's API base address.</param>
/// <param name="Wanted">The configuration the wizard describes (step 3's values).</param>
/// <param name="InputProblems">Why the wizard's values cannot be sent yet (invalid name, bucket, key, prefix); empty when they can.</param>
/// <param name="Region">ICA's region object for the wizard's region, or null when the tenant has no entitlement for it.</param>
/// <param name="RegionProblem">What to say when <paramref name="Region"/> is null.</param>
/// <param name="Credential">The credential choice, or null when none was made.</param>
/// <param name="Credentials">The credentials in ICA now.</param>
/// <param name="Configurations">The configurations in ICA now.</param>
/// <param name="Share">Whether to share the configuration with the tenant.</param>
public sealed record IcaPlanRequest(
    Uri ApiUrl,
    IcaStorageConfiguration Wanted,
    IReadOnlyList<string> InputProblems,
    IcaApiRegion? Region,
    string? RegionProblem,
    CredentialChoice? Credential,
    IReadOnlyList<StorageCredential> Credentials,
    IReadOnlyList<StorageConfiguration> Configurations,
    bool Share);
