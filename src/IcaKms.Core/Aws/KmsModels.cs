namespace IcaKms.Core.Aws;

/// <summary>What KMS DescribeKey says about a key, with the key ARN always resolved.</summary>
/// <param name="KeyArn">The full key ARN (never an alias ARN).</param>
/// <param name="KeyId">The key id (UUID or <c>mrk-…</c>).</param>
/// <param name="Region">The key's region, from its ARN.</param>
/// <param name="Account">The key's account, from its ARN.</param>
/// <param name="KeySpec">E.g. <c>SYMMETRIC_DEFAULT</c>.</param>
/// <param name="KeyUsage">E.g. <c>ENCRYPT_DECRYPT</c>.</param>
/// <param name="KeyState">E.g. <c>Enabled</c>, <c>Disabled</c>, <c>PendingDeletion</c>.</param>
/// <param name="KeyManager"><c>CUSTOMER</c> or <c>AWS</c>.</param>
/// <param name="MultiRegion">Whether it is a multi-Region key.</param>
/// <param name="DeletionDate">When a key pending deletion will be deleted.</param>
public sealed record KmsKeyDescription(
    string KeyArn,
    string KeyId,
    string Region,
    string Account,
    string KeySpec,
    string KeyUsage,
    string KeyState,
    string KeyManager,
    bool MultiRegion,
    DateTimeOffset? DeletionDate);

/// <summary>A key offered in the key picker: usable for S3 SSE-KMS with ICA.</summary>
/// <param name="KeyArn">The full key ARN.</param>
/// <param name="Aliases">Its alias names (<c>alias/…</c>), possibly none.</param>
/// <param name="Description">The key's description.</param>
public sealed record KmsKeyChoice(string KeyArn, IReadOnlyList<string> Aliases, string Description);

/// <summary>One KMS grant on a key, as ListGrants returns it.</summary>
/// <param name="GrantId">The grant's id.</param>
/// <param name="GranteePrincipal">Who the grant lets use the key (a principal ARN or a service principal).</param>
/// <param name="Operations">The operations it allows, e.g. <c>Decrypt</c>, <c>GenerateDataKey</c>.</param>
/// <param name="EncryptionContextEquals">Its <c>EncryptionContextEquals</c> constraint, or null.</param>
/// <param name="EncryptionContextSubset">Its <c>EncryptionContextSubset</c> constraint, or null.</param>
/// <param name="RetiringPrincipal">Who may retire it, or null.</param>
/// <param name="Name">The grant's name, or null.</param>
public sealed record KmsGrant(
    string GrantId,
    string GranteePrincipal,
    IReadOnlyList<string> Operations,
    IReadOnlyDictionary<string, string>? EncryptionContextEquals = null,
    IReadOnlyDictionary<string, string>? EncryptionContextSubset = null,
    string? RetiringPrincipal = null,
    string? Name = null);
