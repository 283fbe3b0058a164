using Amazon.Runtime;

namespace IcaKms.Cli.Aws;

/// <summary>Finds the AWS credentials a command runs with.</summary>
internal interface IAwsCredentialSource
{
    /// <summary>
    /// The credentials of <paramref name="profile"/>, or of the standard chain when it is null; throws
    /// <see cref="AwsCredentialsNotFoundException"/> with a message a person can act on when there are none.
    /// </summary>
    Task<AWSCredentials> ResolveAsync(string? profile, CancellationToken cancellationToken);
}

/// <summary>No credentials were found; the message says where they were looked for (never a secret).</summary>
internal sealed class AwsCredentialsNotFoundException(string message) : Exception(message);
