namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// A KMS grant as the evaluator reads it (KMS Developer Guide, "Grants in AWS KMS"): it allows its grantee the listed
/// operations on the key, optionally only for requests whose encryption context meets its constraints. Grants only allow.
/// </summary>
/// <param name="GrantId">The grant's id (how decisions name it).</param>
/// <param name="GranteePrincipal">The grantee principal's ARN (user, role, account root, or a service principal).</param>
/// <param name="Operations">The operations, e.g. <c>Decrypt</c>, <c>GenerateDataKey</c> (without the <c>kms:</c> prefix).</param>
/// <param name="EncryptionContextEquals">The <c>EncryptionContextEquals</c> constraint, or null.</param>
/// <param name="EncryptionContextSubset">The <c>EncryptionContextSubset</c> constraint, or null.</param>
public sealed record KeyGrant(
    string GrantId,
    string GranteePrincipal,
    IReadOnlyList<string> Operations,
    IReadOnlyDictionary<string, string>? EncryptionContextEquals = null,
    IReadOnlyDictionary<string, string>? EncryptionContextSubset = null);
