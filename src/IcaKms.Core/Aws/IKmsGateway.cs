namespace IcaKms.Core.Aws;

/// <summary>The KMS calls IcaKms makes; failures come back as <see cref="AwsFailure"/>.</summary>
public interface IKmsGateway
{
    /// <summary>Describes a key given as key id, key ARN, alias name or alias ARN; the result holds the key ARN.</summary>
    Task<Result<KmsKeyDescription, AwsFailure>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default);

    /// <summary>The customer managed, symmetric, enabled keys of the region, with their aliases (for the key picker).</summary>
    Task<Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>> ListUsableKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The key's policy (the <c>default</c> policy) as JSON text.</summary>
    Task<Result<string, AwsFailure>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// The key's grants, every page (<c>kms:ListGrants</c>): who each grant lets use the key, for which operations, and
    /// under which encryption-context constraints. Grants give access no policy names, so verdicts must read them.
    /// </summary>
    Task<Result<IReadOnlyList<KmsGrant>, AwsFailure>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a customer managed symmetric encryption key (<c>SYMMETRIC_DEFAULT</c>, <c>ENCRYPT_DECRYPT</c>) in the
    /// client's region, with KMS's default key policy; needs <c>kms:CreateKey</c> (and <c>kms:TagResource</c> when
    /// tags are given). The result holds the new key ARN.
    /// </summary>
    Task<Result<KmsKeyDescription, AwsFailure>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Points a new alias (<c>alias/NAME</c>) at a key; needs <c>kms:CreateAlias</c>. The result is the alias name.</summary>
    Task<Result<string, AwsFailure>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the key's <c>default</c> policy with <paramref name="policy"/>; needs <c>kms:PutKeyPolicy</c>. Takes a
    /// key ARN only (an alias is refused before any call, <see cref="AwsFailureKind.Refused"/>) and never sets
    /// <c>BypassPolicyLockoutSafetyCheck</c>, so KMS's lockout safety check always runs. The result is the policy sent.
    /// </summary>
    Task<Result<string, AwsFailure>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default);
}
