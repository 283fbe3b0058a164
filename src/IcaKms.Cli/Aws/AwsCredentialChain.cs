using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace IcaKms.Cli.Aws;

/// <summary>
/// The AWS SDK's standard credential chain, as the AWS CLI resolves it: environment variables, <c>AWS_PROFILE</c> or
/// the default profile (shared credentials and config files, SSO, credential processes), then the container or
/// instance role. <c>--profile</c> names a profile of the shared files instead.
/// </summary>
internal sealed class AwsCredentialChain : IAwsCredentialSource
{
    public async Task<AWSCredentials> ResolveAsync(string? profile, CancellationToken cancellationToken)
    {
        if (profile is not null)
        {
            var profiles = new CredentialProfileStoreChain();
            if (!profiles.TryGetAWSCredentials(profile, out AWSCredentials credentials))
            {
                throw new AwsCredentialsNotFoundException(
                    $"--profile: no AWS profile named '{profile}' in the shared credentials or config file (~/.aws/credentials, ~/.aws/config).");
            }

            return credentials;
        }

        try
        {
            return await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException)
        {
            throw new AwsCredentialsNotFoundException(
                "No AWS credentials found (no environment variables, profile, SSO session or instance role): run 'aws configure' or 'aws sso login', set AWS_PROFILE, or pass --profile.");
        }
    }
}
