using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Integration.Tests;

/// <summary>
/// The integration tests' environment: which endpoint, region and credentials, and the existing scenario to read.
/// Read only inside a running test (never in a static initializer), so a skipped run touches nothing.
/// </summary>
public sealed class IntegrationSettings
{
    /// <summary>An endpoint URL (LocalStack: <c>http://127.0.0.1:4566</c>) or <c>aws</c> for AWS's own endpoints.</summary>
    public const string EndpointVariable = "ICAKMS_IT_ENDPOINT";

    public const string RegionVariable = "ICAKMS_IT_REGION";
    public const string AccessKeyIdVariable = "ICAKMS_IT_ACCESS_KEY_ID";
    public const string SecretAccessKeyVariable = "ICAKMS_IT_SECRET_ACCESS_KEY";
    public const string SessionTokenVariable = "ICAKMS_IT_SESSION_TOKEN";
    public const string BucketVariable = "ICAKMS_IT_BUCKET";
    public const string KeyArnVariable = "ICAKMS_IT_KEY_ARN";
    public const string PrefixVariable = "ICAKMS_IT_PREFIX";
    public const string IamUserVariable = "ICAKMS_IT_IAM_USER";
    public const string SkipIamVariable = "ICAKMS_IT_SKIP_IAM";

    /// <summary>The value of <see cref="EndpointVariable"/> that means AWS's default endpoints.</summary>
    public const string RealAws = "aws";

    public const string DefaultRegion = "us-east-1";

    /// <summary>LocalStack's conventional credentials, used with an endpoint URL when none are given.</summary>
    public const string LocalStackCredential = "test";

    private IntegrationSettings()
    {
    }

    /// <summary>The custom endpoint, or null for AWS's own endpoints.</summary>
    public Uri? Endpoint { get; private init; }

    public string Region { get; private init; } = DefaultRegion;

    /// <summary>The existing bucket of the read-only tests, or null.</summary>
    public string? Bucket { get; private init; }

    /// <summary>The existing key of the read-only tests, or null.</summary>
    public string? KeyArn { get; private init; }

    /// <summary>The existing prefix folder of the read-only tests, or empty.</summary>
    public string Prefix { get; private init; } = string.Empty;

    /// <summary>The existing IAM user of the read-only tests, or null.</summary>
    public string? IamUser { get; private init; }

    /// <summary>The endpoint as messages name it.</summary>
    public string EndpointName => Endpoint?.AbsoluteUri ?? "AWS";

    private string? AccessKeyId { get; init; }

    private string? SecretAccessKey { get; init; }

    private string? SessionToken { get; init; }

    /// <summary>True when the variable holds something other than blanks.</summary>
    public static bool IsSet(string variable) => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable));

    /// <summary>Reads the environment; throws with the fix when a variable is set to something unusable.</summary>
    public static IntegrationSettings FromEnvironment()
    {
        string endpoint = Read(EndpointVariable)
            ?? throw new InvalidOperationException(IntegrationFactAttribute.NoEndpointReason);
        Uri? url = ParseEndpoint(endpoint);
        if (url is null && IsSet(AwsClientFactory.EndpointEnvironmentVariable))
        {
            // With no endpoint of its own, AwsClientFactory would follow AWS_ENDPOINT_URL while the setup clients went to AWS.
            throw new InvalidOperationException(
                $"{EndpointVariable}={RealAws} but {AwsClientFactory.EndpointEnvironmentVariable} is set: unset it, or put its URL in {EndpointVariable}.");
        }

        string? accessKeyId = Read(AccessKeyIdVariable);
        string? secret = Read(SecretAccessKeyVariable);
        if ((accessKeyId is null) != (secret is null))
        {
            throw new InvalidOperationException($"Set both {AccessKeyIdVariable} and {SecretAccessKeyVariable}, or neither.");
        }

        return new IntegrationSettings
        {
            Endpoint = url,
            Region = Read(RegionVariable) ?? DefaultRegion,
            AccessKeyId = accessKeyId,
            SecretAccessKey = secret,
            SessionToken = Read(SessionTokenVariable),
            Bucket = Read(BucketVariable),
            KeyArn = Read(KeyArnVariable),
            Prefix = Read(PrefixVariable) ?? string.Empty,
            IamUser = Read(IamUserVariable),
        };
    }

    /// <summary>
    /// The credentials: the ones given; else LocalStack's <c>test</c>/<c>test</c> with an endpoint URL; else (real AWS)
    /// the SDK's default chain (profile, SSO, environment, instance role).
    /// </summary>
    public async Task<(AWSCredentials Credentials, AwsSessionSource Source)> ResolveCredentialsAsync()
    {
        if (AccessKeyId is not null && SecretAccessKey is not null)
        {
            AWSCredentials given = SessionToken is null
                ? new BasicAWSCredentials(AccessKeyId, SecretAccessKey)
                : new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);
            return (given, AwsSessionSource.Pasted);
        }

        return Endpoint is not null
            ? (new BasicAWSCredentials(LocalStackCredential, LocalStackCredential), AwsSessionSource.Pasted)
            : (await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(), AwsSessionSource.ServerChain);
    }

    /// <inheritdoc />
    public override string ToString() => $"IntegrationSettings({EndpointName}, {Region})";

    private static Uri? ParseEndpoint(string value)
    {
        if (string.Equals(value, RealAws, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException(
                $"{EndpointVariable} must be an absolute http(s) URL (e.g. http://127.0.0.1:4566) or '{RealAws}', not '{value}'.");
    }

    private static string? Read(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
