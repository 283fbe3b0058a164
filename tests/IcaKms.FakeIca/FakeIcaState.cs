namespace IcaKms.FakeIca;

/// <summary>A storage credential in the fake tenant: the secret is kept only as its SHA-256 digest.</summary>
public sealed record FakeIcaCredential(string Id, string Name, string? AccessKeyId, string? SecretDigest);

/// <summary>A storage configuration in the fake tenant, as it is now.</summary>
public sealed record FakeIcaConfiguration(
    string Id,
    string Name,
    string? Description,
    string CredentialId,
    string RegionId,
    string BucketName,
    string? KeyPrefix,
    string? Algorithm,
    string? Key,
    string Status,
    string? ErrorMessage,
    int PendingPolls,
    bool Shared,
    bool IsDefault,
    int Validations);
