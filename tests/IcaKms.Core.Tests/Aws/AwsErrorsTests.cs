using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

public class AwsErrorsTests
{
    private static readonly AwsCall DescribeKey = new("kms:DescribeKey", "kms:DescribeKey", "arn:aws:kms:eu-west-2:111122223333:key/k", "eu-west-2");
    private static readonly AwsCall HeadBucket = new("s3:HeadBucket", "s3:ListBucket", "lab-data");

    [Theory]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, AwsFailureKind.AccessDenied)]
    [InlineData("AccessDeniedException", HttpStatusCode.BadRequest, AwsFailureKind.AccessDenied)]
    [InlineData("UnauthorizedOperation", HttpStatusCode.Forbidden, AwsFailureKind.AccessDenied)]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, AwsFailureKind.NotFound)]
    [InlineData("NotFoundException", HttpStatusCode.BadRequest, AwsFailureKind.NotFound)]
    [InlineData("NoSuchEntity", HttpStatusCode.NotFound, AwsFailureKind.NotFound)]
    [InlineData("InvalidClientTokenId", HttpStatusCode.Forbidden, AwsFailureKind.InvalidCredentials)]
    [InlineData("ExpiredToken", HttpStatusCode.BadRequest, AwsFailureKind.InvalidCredentials)]
    [InlineData("ExpiredTokenException", HttpStatusCode.BadRequest, AwsFailureKind.InvalidCredentials)]
    [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden, AwsFailureKind.InvalidCredentials)]
    [InlineData("InvalidAccessKeyId", HttpStatusCode.Forbidden, AwsFailureKind.InvalidCredentials)]
    [InlineData("UnrecognizedClientException", HttpStatusCode.BadRequest, AwsFailureKind.InvalidCredentials)]
    [InlineData("Throttling", HttpStatusCode.BadRequest, AwsFailureKind.Throttled)]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest, AwsFailureKind.Throttled)]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, AwsFailureKind.Throttled)]
    [InlineData("TooManyRequestsException", HttpStatusCode.TooManyRequests, AwsFailureKind.Throttled)]
    [InlineData("RequestLimitExceeded", HttpStatusCode.BadRequest, AwsFailureKind.Throttled)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, AwsFailureKind.Other)]
    [InlineData(null, HttpStatusCode.Forbidden, AwsFailureKind.AccessDenied)]
    [InlineData(null, HttpStatusCode.NotFound, AwsFailureKind.NotFound)]
    [InlineData(null, HttpStatusCode.TooManyRequests, AwsFailureKind.Throttled)]
    public void ToFailure_ClassifiesByErrorCodeThenStatus(string? code, HttpStatusCode status, AwsFailureKind expected)
    {
        AwsFailure failure = AwsErrors.ToFailure(ServiceError(code, status, "details"), DescribeKey);

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(code, failure.ErrorCode);
        Assert.Equal("kms:DescribeKey", failure.Action);
        Assert.Equal(DescribeKey.Resource, failure.Resource);
    }

    [Fact]
    public void ToFailure_NamesIamActionAndOperation_WhenTheyDiffer()
    {
        AwsFailure failure = AwsErrors.ToFailure(ServiceError("AccessDenied", HttpStatusCode.Forbidden, "Access Denied"), HeadBucket);

        Assert.Equal(
            "AccessDenied on s3:ListBucket for lab-data (s3:HeadBucket): add s3:ListBucket to your role's policy (and check the bucket policy does not deny it).",
            failure.Message);
    }

    [Fact]
    public void ToFailure_KeepsAwsMessageOnOneBoundedLine_ForOtherErrors()
    {
        AwsFailure failure = AwsErrors.ToFailure(ServiceError("InternalError", HttpStatusCode.InternalServerError, "We encountered\nan internal error." + new string('x', 400)), HeadBucket);

        Assert.Equal(AwsFailureKind.Other, failure.Kind);
        Assert.StartsWith("s3:HeadBucket for lab-data failed (InternalError, HTTP 500): We encountered an internal error.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.True(failure.Message.Length < 400, failure.Message);
    }

    [Theory]
    [MemberData(nameof(TimeoutExceptions))]
    public void ToFailure_MapsDeadlines_ToTimeout(Exception exception)
    {
        AwsFailure failure = AwsErrors.ToFailure(exception, DescribeKey);

        Assert.Equal(AwsFailureKind.Timeout, failure.Kind);
        Assert.Equal(
            "kms:DescribeKey for arn:aws:kms:eu-west-2:111122223333:key/k got no answer in time: check the network, the proxy or the endpoint URL.",
            failure.Message);
    }

    public static TheoryData<Exception> TimeoutExceptions() => new()
    {
        new TimeoutException("A task was canceled.", new TaskCanceledException()),
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"),
        new OperationCanceledException(),
        new AmazonServiceException(new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(NetworkExceptions))]
    public void ToFailure_MapsTransportErrors_ToNetwork(Exception exception, string reason)
    {
        AwsFailure failure = AwsErrors.ToFailure(exception, HeadBucket);

        Assert.Equal(AwsFailureKind.Network, failure.Kind);
        Assert.Equal($"Could not reach AWS for s3:HeadBucket for lab-data ({reason}): check the network, the proxy or the endpoint URL.", failure.Message);
    }

    public static TheoryData<Exception, string> NetworkExceptions() => new()
    {
        { new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)), "ConnectionRefused" },
        { new SocketException((int)SocketError.HostNotFound), "HostNotFound" },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"), "NameResolutionError" },
        { new AmazonServiceException(new HttpRequestException(HttpRequestError.SecureConnectionError, "TLS")), "SecureConnectionError" },
    };

    [Fact]
    public void ToFailure_MapsAnythingElse_ToOther()
    {
        AwsFailure failure = AwsErrors.ToFailure(new AmazonClientException("Unable to unmarshall response"), HeadBucket);

        Assert.Equal(AwsFailureKind.Other, failure.Kind);
        Assert.Equal("s3:HeadBucket for lab-data failed (AmazonClientException): Unable to unmarshall response", failure.Message);
    }

    [Fact]
    public void IsMappable_IsFalse_ForTheCallersOwnCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.False(AwsErrors.IsMappable(new TaskCanceledException(), cancellation.Token));
        Assert.True(AwsErrors.IsMappable(new TaskCanceledException(), CancellationToken.None));
        Assert.True(AwsErrors.IsMappable(new HttpRequestException("refused"), cancellation.Token));
    }

    private static AmazonServiceException ServiceError(string? code, HttpStatusCode status, string message) =>
        new(message, ErrorType.Sender, code, "REQUEST1234567890", status);
}
