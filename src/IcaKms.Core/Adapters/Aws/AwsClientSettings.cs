using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>How the AWS clients of every session reach AWS: where, and how long they wait.</summary>
public sealed record AwsClientSettings
{
    /// <summary>An AWS-compatible endpoint (e.g. LocalStack); null for <c>AWS_ENDPOINT_URL</c> if set, else AWS.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The time allowed for one HTTP attempt (see <see cref="AwsClientFactory.Timeout"/>).</summary>
    public TimeSpan Timeout { get; init; } = AwsClientFactory.DefaultTimeout;

    /// <summary>How many times a transient failure is retried (see <see cref="AwsClientFactory.MaxErrorRetry"/>).</summary>
    public int MaxErrorRetry { get; init; } = AwsClientFactory.DefaultMaxErrorRetry;
}
