using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>How the session got its credentials.</summary>
public enum AwsSessionSource
{
    /// <summary>Temporary credentials pasted by the user (access key id, secret, session token).</summary>
    Pasted,

    /// <summary>The server's own credential chain (profile, SSO, environment, instance role).</summary>
    ServerChain,
}

/// <summary>
/// A connected AWS session: the credentials (kept only in the memory of the user's circuit), the endpoint
/// override if any, and who the caller is. <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class AwsSession
{
    /// <summary>Creates a session.</summary>
    /// <param name="source">Where the credentials came from.</param>
    /// <param name="credentials">The credentials; never logged or rendered.</param>
    /// <param name="identity">Who the credentials belong to (from STS GetCallerIdentity).</param>
    /// <param name="endpointUrl">A custom endpoint (LocalStack or another AWS-compatible service), or null for AWS.</param>
    public AwsSession(AwsSessionSource source, AWSCredentials credentials, CallerIdentity identity, Uri? endpointUrl)
    {
        Source = source;
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Identity = identity ?? throw new ArgumentNullException(nameof(identity));
        EndpointUrl = endpointUrl;
    }

    /// <summary>Where the credentials came from.</summary>
    public AwsSessionSource Source { get; }

    /// <summary>The credentials. Never log, render, store or serialize them.</summary>
    public AWSCredentials Credentials { get; }

    /// <summary>The caller's account and principal.</summary>
    public CallerIdentity Identity { get; }

    /// <summary>The custom endpoint, or null for the real AWS endpoints.</summary>
    public Uri? EndpointUrl { get; }

    /// <inheritdoc />
    public override string ToString() => $"AwsSession({Source}, {Identity.Arn})";
}
