using System.Net;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Tests.Aws;

public class StsGatewayTests
{
    private const string IdentityXml = """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>arn:aws:sts::111122223333:assumed-role/Admin/alice</Arn>
            <UserId>AROAEXAMPLEID:alice</UserId>
            <Account>111122223333</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """;

    private readonly AwsHttpStub _aws = new();

    [Fact]
    public async Task GetCallerIdentity_ReturnsAccountArnAndUserId()
    {
        _aws.RespondWith(_ => AwsHttpStub.Text(HttpStatusCode.OK, IdentityXml, "text/xml"));

        Result<CallerIdentity, AwsFailure> result = await _aws.Gateways().Sts.GetCallerIdentityAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(new CallerIdentity("111122223333", "arn:aws:sts::111122223333:assumed-role/Admin/alice", "AROAEXAMPLEID:alice"), result.Value);
    }

    [Fact]
    public async Task GetCallerIdentity_SendsQueryProtocolRequest_SignedForTheRegion()
    {
        _aws.RespondWith(_ => AwsHttpStub.Text(HttpStatusCode.OK, IdentityXml, "text/xml"));

        await _aws.Gateways().Sts.GetCallerIdentityAsync();

        RecordedRequest request = Assert.Single(_aws.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("Action=GetCallerIdentity", request.Body, StringComparison.Ordinal);
        Assert.Contains("Version=2011-06-15", request.Body, StringComparison.Ordinal);
        Assert.StartsWith("AWS4-HMAC-SHA256 ", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains($"/{AwsHttpStub.Region}/sts/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "InvalidClientTokenId", "The security token included in the request is invalid.")]
    [InlineData(HttpStatusCode.BadRequest, "ExpiredToken", "The security token included in the request is expired")]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")]
    public async Task GetCallerIdentity_FailsInvalidCredentials_AskingForFreshOnes(HttpStatusCode status, string code, string message)
    {
        _aws.RespondWith(_ => AwsHttpStub.StsError(status, code, message));

        Result<CallerIdentity, AwsFailure> result = await _aws.Gateways().Sts.GetCallerIdentityAsync();

        Assert.Equal(AwsFailureKind.InvalidCredentials, result.Failure!.Kind);
        Assert.Equal(code, result.Failure.ErrorCode);
        Assert.Equal($"Your credentials have expired or are invalid ({code}): paste fresh temporary credentials.", result.Failure.Message);
    }

    [Fact]
    public async Task GetCallerIdentity_FailsThrottled_WhenStsThrottles()
    {
        _aws.RespondWith(_ => AwsHttpStub.StsError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded"));

        Result<CallerIdentity, AwsFailure> result = await _aws.Gateways().Sts.GetCallerIdentityAsync();

        Assert.Equal(AwsFailureKind.Throttled, result.Failure!.Kind);
        Assert.Equal("AWS throttled sts:GetCallerIdentity (Throttling): wait a minute and try again.", result.Failure.Message);
    }
}
