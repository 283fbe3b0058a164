using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace IcaKms.Web.Services;

/// <summary>The server's own AWS credential chain (profile, SSO session, environment, instance role).</summary>
public interface IServerCredentialChain
{
    /// <summary>The chain's credentials; throws <see cref="AmazonClientException"/> when it finds none.</summary>
    Task<AWSCredentials> ResolveAsync();
}

/// <summary>The AWS SDK's default chain, as the AWS CLI resolves it.</summary>
internal sealed class DefaultServerCredentialChain : IServerCredentialChain
{
    public Task<AWSCredentials> ResolveAsync() => DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
}
