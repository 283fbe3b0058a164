using System.Net;
using System.Net.Sockets;
using Amazon;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

public class AwsClientFactoryTests
{
    private const string IdentityXml = """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/alice</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult>
        </GetCallerIdentityResponse>
        """;

    private readonly AwsHttpStub _aws = new();

    [Fact]
    public async Task IdentifyAsync_ChecksCredentials_AtTheEnvironmentEndpoint()
    {
        _aws.RespondWith(_ => AwsHttpStub.Text(HttpStatusCode.OK, IdentityXml, "text/xml"));
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), null, _aws.ClientFactory, Environment("http://127.0.0.1:4599"));

        Result<CallerIdentity, AwsFailure> result = await factory.IdentifyAsync(AwsHttpStub.Credentials, "ap-southeast-2");

        Assert.Equal(new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLE"), result.Value);
        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal(4599, request.Uri.Port);
        Assert.Contains("/ap-southeast-2/sts/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentifyAsync_FailsInvalidCredentials_WithoutShowingThem()
    {
        _aws.RespondWith(_ => AwsHttpStub.StsError(HttpStatusCode.Forbidden, "InvalidClientTokenId", "The security token included in the request is invalid."));

        Result<CallerIdentity, AwsFailure> result = await _aws.Factory().IdentifyAsync(AwsHttpStub.Credentials, AwsHttpStub.Region);

        Assert.Equal(AwsFailureKind.InvalidCredentials, result.Failure!.Kind);
        string everything = $"{result.Failure} {result.Failure.Message}";
        Assert.DoesNotContain(AwsHttpStub.SecretKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsHttpStub.SessionToken, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsHttpStub.AccessKeyId, everything, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultEndpoint_PrefersConfiguration_OverEnvironment()
    {
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), new Uri("http://127.0.0.1:4510/"), null, Environment("http://127.0.0.1:4599"));

        Assert.Equal(new Uri("http://127.0.0.1:4510/"), factory.DefaultEndpoint);
    }

    [Fact]
    public void DefaultEndpoint_IsNull_WithoutConfigurationOrEnvironment()
    {
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), null, null, Environment(null));

        Assert.Null(factory.DefaultEndpoint);
    }

    [Fact]
    public void Constructor_Throws_WhenTheEnvironmentEndpointIsNotAUrl()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AwsClientFactory(_ => new UnusedIamGateway(), null, null, Environment("localhost:4566")));

        Assert.Contains("AWS_ENDPOINT_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SendsToTheSessionEndpoint_BeforeTheDefault()
    {
        _aws.RespondWith(_ => AwsHttpStub.Text(HttpStatusCode.OK, IdentityXml, "text/xml"));
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), new Uri("http://127.0.0.1:4510/"), _aws.ClientFactory, Environment(null));

        await factory.Create(AwsHttpStub.Session(new Uri("http://127.0.0.1:4520/")), AwsHttpStub.Region).Sts.GetCallerIdentityAsync();

        Assert.Equal(4520, Assert.Single(_aws.Requests).Uri.Port);
    }

    [Fact]
    public void Create_BuildsTheIamGateway_FromTheSession()
    {
        AwsSession? seen = null;
        var iam = new UnusedIamGateway();
        var factory = new AwsClientFactory(session => { seen = session; return iam; }, null, null, Environment(null));
        AwsSession session = AwsHttpStub.Session();

        AwsGateways gateways = factory.Create(session, AwsHttpStub.Region);

        Assert.Same(session, seen);
        Assert.Same(iam, gateways.Iam);
    }

    [Fact]
    public void CreateClients_UseTheRegionEndpoint_WithoutOverride()
    {
        AwsClientFactory factory = _aws.Factory();

        using var s3 = factory.CreateS3Client(AwsHttpStub.Credentials, "eu-central-1", null);
        using var kms = factory.CreateKmsClient(AwsHttpStub.Credentials, "eu-central-1", null);

        Assert.Equal(RegionEndpoint.EUCentral1, s3.Config.RegionEndpoint);
        Assert.Null(s3.Config.ServiceURL);
        Assert.False(((Amazon.S3.AmazonS3Config)s3.Config).ForcePathStyle);
        Assert.Equal(RegionEndpoint.EUCentral1, kms.Config.RegionEndpoint);
    }

    [Fact]
    public void CreateClients_UsePathStyleAndSignForTheRegion_WithOverride()
    {
        using var s3 = _aws.Factory().CreateS3Client(AwsHttpStub.Credentials, "eu-central-1", AwsHttpStub.Endpoint);

        Assert.Equal(AwsHttpStub.Endpoint.AbsoluteUri, s3.Config.ServiceURL);
        Assert.Equal("eu-central-1", s3.Config.AuthenticationRegion);
        Assert.True(((Amazon.S3.AmazonS3Config)s3.Config).ForcePathStyle);
        Assert.Equal(TimeSpan.FromSeconds(10), s3.Config.Timeout);
    }

    [Fact]
    public async Task Calls_FailTimeout_WhenTheEndpointDoesNotAnswerInTime()
    {
        _aws.Respond = async (_, cancellationToken) =>
        {
            // A hung endpoint: it never answers, it only ends when the client's timeout cancels the request.
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return AwsHttpStub.Empty(HttpStatusCode.OK);
        };

        Result<KmsKeyDescription, AwsFailure> result = await _aws.Gateways(TimeSpan.FromMilliseconds(200)).Kms.DescribeKeyAsync("alias/lab");

        Assert.Equal(AwsFailureKind.Timeout, result.Failure!.Kind);
        Assert.Equal("kms:DescribeKey for alias/lab got no answer within 0.2 s (tried 1 time): check the network, the proxy or the endpoint URL.", result.Failure.Message);
    }

    [Fact]
    public async Task Calls_FailNetwork_WhenTheConnectionIsRefused()
    {
        Uri closed = ClosedLoopbackEndpoint();
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), closed, null, Environment(null)) { MaxErrorRetry = 0 };

        Result<CallerIdentity, AwsFailure> result = await factory.IdentifyAsync(AwsHttpStub.Credentials, AwsHttpStub.Region);

        Assert.Equal(AwsFailureKind.Network, result.Failure!.Kind);
        Assert.Equal(
            "Could not reach AWS for sts:GetCallerIdentity (ConnectionRefused): check the network, the proxy or the endpoint URL.",
            result.Failure.Message);
    }

    [Fact]
    public async Task Calls_RethrowCancellation_WhenTheCallerCancelsBeforeTheCall()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _aws.Gateways().S3.GetVersioningAsync("lab-data", cancellation.Token));
    }

    [Fact]
    public async Task Calls_RethrowCancellation_WhenTheCallerCancelsDuringTheCall()
    {
        using var cancellation = new CancellationTokenSource();
        _aws.Respond = async (_, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            // A hung endpoint: it never answers, it only ends when the client's timeout cancels the request.
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return AwsHttpStub.Empty(HttpStatusCode.OK);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _aws.Gateways().Kms.ListUsableKeysAsync(cancellation.Token));
    }

    [Fact]
    public void SessionToString_ShowsNoSecret()
    {
        string text = AwsHttpStub.Session().ToString();

        Assert.DoesNotContain(AwsHttpStub.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsHttpStub.SessionToken, text, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(string? endpoint) =>
        name => name == AwsClientFactory.EndpointEnvironmentVariable ? endpoint : null;

    /// <summary>A loopback port nobody listens on: bound, then released.</summary>
    private static Uri ClosedLoopbackEndpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
