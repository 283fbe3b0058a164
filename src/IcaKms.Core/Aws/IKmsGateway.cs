namespace IcaKms.Core.Aws;

/// <summary>The KMS calls IcaKms makes; failures come back as <see cref="AwsFailure"/>.</summary>
public interface IKmsGateway
{
    /// <summary>Describes a key given as key id, key ARN, alias name or alias ARN; the result holds the key ARN.</summary>
    Task<AwsResult<KmsKeyDescription>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default);

    /// <summary>The customer managed, symmetric, enabled keys of the region, with their aliases (for the key picker).</summary>
    Task<AwsResult<IReadOnlyList<KmsKeyChoice>>> ListUsableKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The key's policy (the <c>default</c> policy) as JSON text.</summary>
    Task<AwsResult<string>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default);
}
