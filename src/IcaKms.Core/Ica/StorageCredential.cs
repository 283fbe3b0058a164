namespace IcaKms.Core.Ica;

/// <summary>A storage credential as ICA's API returns it (model <c>StorageCredential</c>): never its secret.</summary>
/// <param name="Id">ICA's id (a UUID), used as <c>storageCredentialId</c>.</param>
/// <param name="Name">The credential's name.</param>
/// <param name="Type">Its type; <c>AWS_USER</c> for an IAM user's access key.</param>
public sealed record StorageCredential(string Id, string Name, string Type)
{
    /// <summary>The type of a credential made from an IAM user's access key.</summary>
    public const string AwsUserType = "AWS_USER";
}
