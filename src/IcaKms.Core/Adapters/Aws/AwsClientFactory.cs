using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// Builds the AWS SDK clients and gateways for a session and region. Honours an endpoint override (LocalStack or
/// another AWS-compatible service): the session's <see cref="AwsSession.EndpointUrl"/>, else the configured default
/// endpoint, else the <c>AWS_ENDPOINT_URL</c> environment variable.
/// </summary>
public sealed class AwsClientFactory : IAwsGatewayFactory
{
    /// <summary>The environment variable naming a custom endpoint for every service, as the AWS CLI and SDKs read it.</summary>
    public const string EndpointEnvironmentVariable = "AWS_ENDPOINT_URL";

    private readonly Func<AwsSession, IIamGateway> _iamGateways;
    private readonly HttpClientFactory? _httpClientFactory;

    /// <summary>Creates the factory.</summary>
    /// <param name="iamGateways">
    /// Builds the IAM gateway of a session. IAM has no SDK client here (AWSSDK.IdentityManagement is not available), so
    /// the host plugs in its Query-API client; <see cref="ResolveEndpoint"/> gives it the same endpoint override.
    /// </param>
    /// <param name="defaultEndpoint">
    /// The endpoint override from the host's configuration, or null to use <c>AWS_ENDPOINT_URL</c> if set (else AWS).
    /// </param>
    /// <param name="httpClientFactory">
    /// The SDK's HTTP client factory, set on every client's config (tests plug an in-process handler in here); null for
    /// the SDK's transport with each answer's body read asynchronously (<see cref="BufferedAnswerHttpClientFactory"/>).
    /// </param>
    public AwsClientFactory(Func<AwsSession, IIamGateway> iamGateways, Uri? defaultEndpoint = null, HttpClientFactory? httpClientFactory = null)
        : this(iamGateways, defaultEndpoint, httpClientFactory, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the factory with the environment read through <paramref name="environment"/> (for tests).</summary>
    internal AwsClientFactory(
        Func<AwsSession, IIamGateway> iamGateways,
        Uri? defaultEndpoint,
        HttpClientFactory? httpClientFactory,
        Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _iamGateways = iamGateways ?? throw new ArgumentNullException(nameof(iamGateways));
        _httpClientFactory = httpClientFactory;
        DefaultEndpoint = CheckEndpoint(defaultEndpoint, "defaultEndpoint") ?? EndpointFromEnvironment(environment(EndpointEnvironmentVariable));
    }

    /// <summary>
    /// The factory with IAM over <see cref="IamQueryClient"/> (IAM has no SDK client here), on the same endpoint and with
    /// the same timeout as the SDK clients. <see cref="DependencyInjection.AddIcaKmsCore"/> registers this one.
    /// </summary>
    /// <param name="settings">Where the clients go and how long they wait.</param>
    /// <param name="httpClientFactory">The SDK's HTTP client factory (tests), or null for the SDK's own.</param>
    public static AwsClientFactory WithIamQueryClient(AwsClientSettings settings, HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AwsClientFactory? factory = null;
        factory = new AwsClientFactory(
            session => IamQueryClient.Create(session.Credentials, factory!.ResolveEndpoint(session), timeout: factory.Timeout),
            settings.Endpoint,
            httpClientFactory)
        {
            Timeout = settings.Timeout,
            MaxErrorRetry = settings.MaxErrorRetry,
        };
        return factory;
    }

    /// <summary>The endpoint used when a session names none (configuration, else <c>AWS_ENDPOINT_URL</c>); null for AWS.</summary>
    public Uri? DefaultEndpoint { get; }

    /// <summary>
    /// The time allowed for one HTTP attempt until the whole answer has arrived, body included (default 5 seconds: AWS
    /// answers these read calls in well under a second, and a person waiting on a page should hear about a dead endpoint
    /// soon). With a test's own HTTP client factory, the SDK's timeout covers only the headers.
    /// </summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// How many times the SDK retries a throttled or transient failure, timeouts included (default 1, in the SDK's
    /// standard retry mode). A whole call also ends at <c>Timeout × (MaxErrorRetry + 1) + 2 s</c> (12 s by default),
    /// which bounds the SDK's back-off between attempts too.
    /// </summary>
    public int MaxErrorRetry { get; init; } = DefaultMaxErrorRetry;

    /// <summary>The clock the calls' deadlines run on: the system's, or a test's fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The default of <see cref="Timeout"/>.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="MaxErrorRetry"/>.</summary>
    public const int DefaultMaxErrorRetry = 1;

    /// <summary>The endpoint a session's calls go to: its own override, else <see cref="DefaultEndpoint"/>; null for AWS.</summary>
    public Uri? ResolveEndpoint(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return CheckEndpoint(session.EndpointUrl, nameof(session)) ?? DefaultEndpoint;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The SDK clients are created here and live as long as the gateways; they are not disposed (the SDK shares its
    /// HTTP clients between clients of the same configuration, so an undisposed client holds no connection of its own).
    /// </remarks>
    public AwsGateways Create(AwsSession session, string region)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        Uri? endpoint = ResolveEndpoint(session);
        return new AwsGateways(
            new S3Gateway(CreateS3Client(session.Credentials, region, endpoint), Time),
            new KmsGateway(CreateKmsClient(session.Credentials, region, endpoint), Time),
            _iamGateways(session),
            new StsGateway(CreateStsClient(session.Credentials, region, endpoint), Time));
    }

    /// <inheritdoc />
    /// <remarks>Uses <see cref="DefaultEndpoint"/>: there is no session yet.</remarks>
    public async Task<Result<CallerIdentity, AwsFailure>> IdentifyAsync(AWSCredentials credentials, string region, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        using AmazonSecurityTokenServiceClient sts = CreateStsClient(credentials, region, DefaultEndpoint);
        return await new StsGateway(sts, Time).GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An S3 client for the region; path-style addressing when an endpoint override is in use.</summary>
    internal AmazonS3Client CreateS3Client(AWSCredentials credentials, string region, Uri? endpoint)
    {
        var config = Configure(new AmazonS3Config(), region, endpoint);
        if (endpoint is not null)
        {
            // Emulators answer on one host: the bucket goes in the path, not in a virtual-host name.
            config.ForcePathStyle = true;
        }

        return new AmazonS3Client(credentials, config);
    }

    /// <summary>A KMS client for the region.</summary>
    internal AmazonKeyManagementServiceClient CreateKmsClient(AWSCredentials credentials, string region, Uri? endpoint) =>
        new(credentials, Configure(new AmazonKeyManagementServiceConfig(), region, endpoint));

    /// <summary>An STS client for the region (the regional STS endpoint).</summary>
    internal AmazonSecurityTokenServiceClient CreateStsClient(AWSCredentials credentials, string region, Uri? endpoint) =>
        new(credentials, Configure(new AmazonSecurityTokenServiceConfig(), region, endpoint));

    private TConfig Configure<TConfig>(TConfig config, string region, Uri? endpoint)
        where TConfig : ClientConfig
    {
        config.Timeout = Timeout;
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = MaxErrorRetry;

        // The SDK's transport with every answer's body read before the SDK parses it: no thread waits on a stalled body.
        config.HttpClientFactory = _httpClientFactory ?? BufferedAnswerHttpClientFactory.Instance;

        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            // ServiceURL replaces the region's endpoint; requests are still signed for the region.
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = region;
        }

        return config;
    }

    private static Uri? EndpointFromEnvironment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out Uri? uri) && IsHttp(uri)
            ? uri
            : throw new InvalidOperationException(
                $"{EndpointEnvironmentVariable} is not an absolute http or https URL: set it to e.g. http://localhost:4566 or unset it.");
    }

    private static Uri? CheckEndpoint(Uri? endpoint, string parameterName) =>
        endpoint is null || (endpoint.IsAbsoluteUri && IsHttp(endpoint))
            ? endpoint
            : throw new ArgumentException("The endpoint must be an absolute http or https URL.", parameterName);

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;
}
