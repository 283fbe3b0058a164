using System.Net;
using System.Net.Sockets;
using IcaKms.Core.Ica;
using IcaKms.FakeIca;

namespace IcaKms.Core.Tests.Ica;

public class IcaClientTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzICASECRET";

    [Fact]
    public async Task GetRegions_SendsTheKeyAndTheV3MediaType_AndReadsTheRegions()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();

        Result<IReadOnlyList<IcaApiRegion>, IcaFailure> regions = await ica.Client().GetRegionsAsync();

        Assert.True(regions.Succeeded, regions.Failure?.Message);
        Assert.Equal([FakeIcaScenario.UsRegionId, FakeIcaScenario.AuRegionId], regions.Value!.Select(r => r.Id));
        Assert.Equal("AU", regions.Value![1].Country!.Code);
        FakeIcaRequest request = Assert.Single(ica.Server.Requests);
        Assert.Equal(("GET", "/api/regions", true), (request.Method, request.Path, request.ApiKeyMatched));
        Assert.Contains("application/vnd.illumina.v3+json", request.Accept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongKey_IsAnInvalidKeyFailure_ThatSaysWhatToDo()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();

        Result<IReadOnlyList<IcaApiRegion>, IcaFailure> regions = await ica.Client("not-the-key").GetRegionsAsync();

        Assert.Equal(IcaFailureKind.InvalidKey, regions.Failure?.Kind);
        Assert.Contains("did not accept the API key", regions.Failure!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", regions.Failure.Message, StringComparison.Ordinal);
        Assert.Single(ica.Server.Requests);
    }

    [Theory]
    [InlineData(FakeIcaFault.Forbidden, IcaFailureKind.Forbidden, "may not work with")]
    [InlineData(FakeIcaFault.NotFound, IcaFailureKind.NotFound, "has no the storage credentials")]
    [InlineData(FakeIcaFault.Conflict, IcaFailureKind.Conflict, "conflicts with")]
    [InlineData(FakeIcaFault.HtmlPage, IcaFailureKind.NotIca, "check IcaKms:IcaApiUrl")]
    public async Task Faults_BecomeFailuresOfTheirKind(FakeIcaFault fault, IcaFailureKind kind, string words)
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.Fault = fault;

        Result<IReadOnlyList<StorageCredential>, IcaFailure> credentials = await ica.Client().GetStorageCredentialsAsync();

        Assert.Equal(kind, credentials.Failure?.Kind);
        Assert.Contains(words, credentials.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_OnARead_IsRetried_ThenAServerErrorFailure()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.Fault = FakeIcaFault.ServerError;

        Result<IReadOnlyList<IcaApiRegion>, IcaFailure> regions = await ica.Client().GetRegionsAsync();

        Assert.Equal(IcaFailureKind.ServerError, regions.Failure?.Kind);
        Assert.Contains("HTTP 500", regions.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(2, ica.Server.Requests.Count);
    }

    [Fact]
    public async Task ServerError_OnAWrite_IsNotRetried()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.Fault = FakeIcaFault.ServerError;

        Result<StorageCredential, IcaFailure> created = await ica.Client().CreateStorageCredentialAsync(
            new StorageCredentialRequest("ica-user", "AWS_USER", new AwsAccessKey("AKIAEXAMPLE000000001", Secret)));

        Assert.Equal(IcaFailureKind.ServerError, created.Failure?.Kind);
        Assert.Single(ica.Server.Requests);
    }

    [Fact]
    public async Task HungEndpoint_TimesOut_AfterTheReadRetry()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(attemptTimeout: TimeSpan.FromMilliseconds(500));
        ica.Server.Fault = FakeIcaFault.Hang;

        Result<IReadOnlyList<IcaApiRegion>, IcaFailure> regions = await ica.Client().GetRegionsAsync();

        Assert.Equal(IcaFailureKind.Timeout, regions.Failure?.Kind);
        Assert.Contains("did not answer", regions.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(2, ica.Server.Requests.Count);
    }

    [Fact]
    public async Task NothingListening_IsANetworkFailure()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(url: new Uri($"http://127.0.0.1:{port}/ica/rest"));

        Result<IReadOnlyList<IcaApiRegion>, IcaFailure> regions = await ica.Client().GetRegionsAsync();

        Assert.Equal(IcaFailureKind.Network, regions.Failure?.Kind);
        Assert.Contains("could not reach ICA", regions.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStorageCredential_SendsTheDocumentedFields_AndTheSecretReachesIcaOnly()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();

        Result<StorageCredential, IcaFailure> created = await ica.Client().CreateStorageCredentialAsync(
            new StorageCredentialRequest("ica-user", "AWS_USER", new AwsAccessKey("AKIAEXAMPLE000000001", Secret)));

        Assert.True(created.Succeeded, created.Failure?.Message);
        Assert.Equal(("ica-user", "AWS_USER"), (created.Value!.Name, created.Value.Type));
        FakeIcaCredential stored = Assert.Single(ica.Server.Credentials);
        Assert.Equal(FakeIcaServer.DigestOf(Secret), stored.SecretDigest);
        FakeIcaRequest request = Assert.Single(ica.Server.Requests);
        Assert.StartsWith("application/vnd.illumina.v3+json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"name":"ica-user","type":"AWS_USER","awsCredentials":{"accessKeyId":"AKIAEXAMPLE000000001","secretAccessKey":"(hidden)"}}""", request.Body);
        Assert.DoesNotContain(Secret, created.Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStorageConfiguration_TwiceWithOneName_IsAConflict()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        IIcaClient client = ica.Client();
        StorageCredential credential = (await client.CreateStorageCredentialAsync(
            new StorageCredentialRequest("ica-user", "AWS_USER", new AwsAccessKey("AKIAEXAMPLE000000001", Secret)))).Value!;
        StorageConfigurationRequest body = StorageConfigurationRequest.Create(Samples.Configuration(), credential.Id, FakeIcaScenario.AuRegionId);

        Result<StorageConfiguration, IcaFailure> first = await client.CreateStorageConfigurationAsync(body);
        Result<StorageConfiguration, IcaFailure> second = await client.CreateStorageConfigurationAsync(body);

        Assert.Equal(StorageConfigurationStatus.Initializing, first.Value?.Status);
        Assert.Equal("Australia", first.Value!.Region!.Country!.Name);
        Assert.Equal(IcaFailureKind.Conflict, second.Failure?.Kind);
        Assert.Contains("already exists", second.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListConfigurations_ReadsTheBucketDetails()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.AddConfiguration("acme-runs", "cred", FakeIcaScenario.AuRegionId, Samples.Bucket, Samples.Prefix, Samples.KeyArn);

        Result<IReadOnlyList<StorageConfiguration>, IcaFailure> list = await ica.Client().GetStorageConfigurationsAsync();

        AwsDetails details = Assert.Single(list.Value!).StorageConfigurationDetails!.AwsS3!;
        Assert.Equal((Samples.Bucket, Samples.Prefix, "aws:kms", Samples.KeyArn),
            (details.BucketName, details.KeyPrefix, details.ServerSideEncryptionAlgorithm, details.ServerSideEncryptionKey));
    }

    [Theory]
    [InlineData(FakeIcaPaging.Cursor)]
    [InlineData(FakeIcaPaging.Offset)]
    public async Task Lists_LongerThanOnePage_AreReadToTheirLastPage(FakeIcaPaging paging)
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync(new FakeIcaScenario { ListPageSize = 2, Paging = paging });
        for (int i = 1; i <= 5; i++)
        {
            ica.Server.AddCredential($"cred-{i}");
            ica.Server.AddConfiguration($"conf-{i}", "cred", FakeIcaScenario.AuRegionId, Samples.Bucket, Samples.Prefix, Samples.KeyArn);
        }

        Result<IReadOnlyList<StorageCredential>, IcaFailure> credentials = await ica.Client().GetStorageCredentialsAsync();
        Result<IReadOnlyList<StorageConfiguration>, IcaFailure> configurations = await ica.Client().GetStorageConfigurationsAsync();

        Assert.Equal(["cred-1", "cred-2", "cred-3", "cred-4", "cred-5"], credentials.Value!.Select(c => c.Name));
        Assert.Equal(["conf-1", "conf-2", "conf-3", "conf-4", "conf-5"], configurations.Value!.Select(c => c.Name));
        Assert.Equal(3, ica.Server.Requests.Count(r => r.Path == "/api/storageConfigurations"));
    }

    [Fact]
    public async Task Lists_Unpaged_AsIcasOpenApiDeclaresThem_AreOneRequest()
    {
        await using FakeIcaFixture ica = await FakeIcaFixture.StartAsync();
        ica.Server.AddCredential("cred-1");

        Assert.Single((await ica.Client().GetStorageCredentialsAsync()).Value!);
        Assert.Single(ica.Server.Requests, r => r.Path == "/api/storageCredentials");
    }
}
