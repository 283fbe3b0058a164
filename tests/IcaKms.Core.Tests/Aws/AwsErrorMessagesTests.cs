using System.Net;
using System.Security;
using System.Text.RegularExpressions;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

/// <summary>
/// What the admin reads when AWS, or whatever answered in its place, says no: driven through the real SDK clients
/// (S3 REST-XML, KMS JSON, STS Query) over an in-process transport, and through the IAM Query client.
/// </summary>
public class AwsErrorMessagesTests
{
    // Markers standing for the credential material AWS echoes back; none may reach a message.
    private const string KeyMarker = "AKIAMARKERKEY0000001";
    private const string TempKeyMarker = "ASIAMARKERKEY0000002";
    private const string SignatureMarker = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private const string TokenMarker = "IQoJb3JpZ2luX2VjEMARKERTOKEN/0aBcDeFgHiJkLmNoPqRsTuVwXyZ+0123456789abcdefABCDEF==";
    private const string PolicyArn = "arn:aws:iam::111122223333:policy/ica-storage";

    private static readonly string AuthorizationEcho =
        $"Authorization=AWS4-HMAC-SHA256 Credential={KeyMarker}/20261130/eu-west-2/s3/aws4_request, "
        + $"SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature={SignatureMarker}";

    private static readonly string CanonicalRequest =
        "GET\n/lab-data\nversioning=\nhost:127.0.0.1:4566\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:20261130T101010Z\n"
        + $"x-amz-security-token:{TokenMarker}\n\nhost;x-amz-content-sha256;x-amz-date;x-amz-security-token\nUNSIGNED-PAYLOAD";

    private readonly AwsHttpStub _aws = new();
    private readonly IamFakeHandler _iam = new();

    public static TheoryData<string, string, AwsFailureKind, string?> S3Echoes() => new()
    {
        {
            "SignatureDoesNotMatch",
            $"<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>"
            + $"<AWSAccessKeyId>{KeyMarker}</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20261130T101010Z\n20261130/eu-west-2/s3/aws4_request\n{SignatureMarker}</StringToSign>"
            + $"<SignatureProvided>{SignatureMarker}</SignatureProvided><CanonicalRequest>{Escape(CanonicalRequest)}</CanonicalRequest>"
            + "<RequestId>REQ</RequestId><HostId>host</HostId></Error>",
            AwsFailureKind.InvalidCredentials,
            null
        },
        {
            "IncompleteSignature",
            $"<Error><Code>IncompleteSignature</Code><Message>Authorization header requires 'Signature' parameter. {Escape(AuthorizationEcho)}</Message><RequestId>REQ</RequestId></Error>",
            AwsFailureKind.InvalidCredentials,
            null
        },
        {
            "AuthorizationHeaderMalformed",
            $"<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; {Escape(AuthorizationEcho)}</Message><RequestId>REQ</RequestId></Error>",
            AwsFailureKind.Other,
            "The authorization header is malformed"
        },
        {
            "InvalidArgument",
            $"<Error><Code>InvalidArgument</Code><Message>Query-string authentication version 4 requires X-Amz-Security-Token={TokenMarker}&amp;X-Amz-Credential={TempKeyMarker}%2F20261130%2Feu-west-2%2Fs3%2Faws4_request&amp;X-Amz-Signature={SignatureMarker}</Message></Error>",
            AwsFailureKind.Other,
            "Query-string authentication version 4 requires"
        },
    };

    [Theory]
    [MemberData(nameof(S3Echoes))]
    public async Task S3_NeverShowsEchoedCredentials(string code, string body, AwsFailureKind kind, string? kept)
    {
        _aws.RespondWith(_ => AwsHttpStub.Xml(body, code == "SignatureDoesNotMatch" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest));

        AwsFailure failure = (await _aws.Gateways().S3.GetVersioningAsync("lab-data")).Failure!;

        AssertRedacted(failure, kind, code, kept);
    }

    public static TheoryData<string, string, AwsFailureKind, string?> KmsEchoes() => new()
    {
        {
            "IncompleteSignatureException",
            $"Authorization header requires 'Signature' parameter. {AuthorizationEcho.Replace("/s3/", "/kms/", StringComparison.Ordinal)}",
            AwsFailureKind.InvalidCredentials,
            null
        },
        {
            "InvalidSignatureException",
            $"The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been 'POST\\n/\\n\\nhost:kms.eu-west-2.amazonaws.com\\nx-amz-security-token:{TokenMarker}\\n'",
            AwsFailureKind.InvalidCredentials,
            null
        },
        {
            "ValidationException",
            $"1 validation error detected: header {AuthorizationEcho}",
            AwsFailureKind.Other,
            "1 validation error detected"
        },
    };

    [Theory]
    [MemberData(nameof(KmsEchoes))]
    public async Task Kms_NeverShowsEchoedCredentials(string code, string message, AwsFailureKind kind, string? kept)
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError(code, message));

        AwsFailure failure = (await _aws.Gateways().Kms.DescribeKeyAsync("alias/lab")).Failure!;

        AssertRedacted(failure, kind, code, kept);
    }

    public static TheoryData<string, string, AwsFailureKind, string?> StsEchoes() => new()
    {
        {
            "IncompleteSignature",
            $"'{TempKeyMarker}/20261130/eu-west-2/sts/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: "
            + $"'AWS4-HMAC-SHA256 {TempKeyMarker}/20261130/eu-west-2/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature={SignatureMarker}'.",
            AwsFailureKind.InvalidCredentials,
            null
        },
        {
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n"
            + $"'{CanonicalRequest}'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261130T101010Z\n20261130/eu-west-2/sts/aws4_request\n{SignatureMarker}'",
            AwsFailureKind.InvalidCredentials,
            null
        },
        {
            "InvalidParameterValue",
            $"Request is not valid: {AuthorizationEcho}",
            AwsFailureKind.Other,
            "Request is not valid"
        },
    };

    [Theory]
    [MemberData(nameof(StsEchoes))]
    public async Task Sts_NeverShowsEchoedCredentials(string code, string message, AwsFailureKind kind, string? kept)
    {
        _aws.RespondWith(_ => AwsHttpStub.StsError(HttpStatusCode.BadRequest, code, Escape(message)));

        AwsFailure failure = (await _aws.Gateways().Sts.GetCallerIdentityAsync()).Failure!;

        AssertRedacted(failure, kind, code, kept);
    }

    [Fact]
    public async Task Sts_NeverShowsEchoedCredentials_InABodyItCannotRead()
    {
        // A JSON error where STS expects Query XML: the SDK quotes the whole body in its message.
        _aws.RespondWith(_ => AwsHttpStub.KmsError("IncompleteSignatureException", $"Authorization header requires 'Signature' parameter. {AuthorizationEcho}"));

        AwsFailure failure = (await _aws.Gateways().Sts.GetCallerIdentityAsync()).Failure!;

        AssertRedacted(failure, AwsFailureKind.Network, null, "not an AWS response");
    }

    public static TheoryData<string, string, AwsFailureKind, string?> IamEchoes() => new()
    {
        {
            "IncompleteSignature",
            $"Authorization header requires 'Signature' parameter. {AuthorizationEcho}",
            AwsFailureKind.InvalidCredentials,
            null
        },
        {
            "ValidationError",
            $"Request is not valid: {AuthorizationEcho} X-Amz-Security-Token={TokenMarker}",
            AwsFailureKind.Other,
            "Request is not valid"
        },
    };

    [Theory]
    [MemberData(nameof(IamEchoes))]
    public async Task Iam_NeverShowsEchoedCredentials(string code, string message, AwsFailureKind kind, string? kept)
    {
        _iam.Answer(HttpStatusCode.BadRequest, IamXml.Error(code, message));

        AwsFailure failure = (await Iam().GetPolicyDefaultVersionAsync(PolicyArn)).Failure!;

        AssertRedacted(failure, kind, code, kept);
    }

    [Theory]
    [InlineData("IncompleteSignature")]
    [InlineData("IncompleteSignatureException")]
    [InlineData("InvalidSignatureException")]
    [InlineData("MissingAuthenticationToken")]
    [InlineData("SignatureDoesNotMatch")]
    public async Task SignatureErrors_GetOurWording_NotAwsText(string code)
    {
        _aws.RespondWith(_ => AwsHttpStub.KmsError(code, "Authorization header requires 'Signature' parameter."));

        AwsFailure failure = (await _aws.Gateways().Kms.DescribeKeyAsync("alias/lab")).Failure!;

        Assert.Equal(AwsFailureKind.InvalidCredentials, failure.Kind);
        Assert.Equal($"Your credentials have expired or are invalid ({code}): paste fresh temporary credentials.", failure.Message);
    }

    public static TheoryData<string, string> NotAwsAnswers() => new()
    {
        { "s3", "html" }, { "s3", "html403" }, { "s3", "empty" }, { "s3", "text" },
        { "kms", "html" }, { "kms", "html403" }, { "kms", "empty" }, { "kms", "text" },
        { "sts", "html" }, { "sts", "html403" }, { "sts", "empty" }, { "sts", "text" },
        { "iam", "html" }, { "iam", "html403" }, { "iam", "empty" }, { "iam", "text" },
    };

    [Theory]
    [MemberData(nameof(NotAwsAnswers))]
    public async Task AnswersThatAreNotAws_SayWhatCameBack_InOneLine(string service, string answer)
    {
        (HttpStatusCode status, string body, string mediaType) = answer switch
        {
            "html" => (HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "text/html"),
            "html403" => (HttpStatusCode.Forbidden, "<!DOCTYPE html><html><head><title>Access blocked</title></head><body>Blocked by the corporate proxy</body></html>", "text/html"),
            "empty" => (HttpStatusCode.InternalServerError, "", "text/plain"),
            _ => (HttpStatusCode.ServiceUnavailable, "upstream connect error or disconnect/reset before headers", "text/plain"),
        };
        int code = (int)status;
        _aws.RespondWith(_ => AwsHttpStub.Text(status, body, mediaType));
        _iam.Answer(status, body, mediaType);

        (string operation, AwsFailure failure) = service switch
        {
            "s3" => ("s3:GetBucketVersioning for lab-data", (await _aws.Gateways().S3.GetVersioningAsync("lab-data")).Failure!),
            "kms" => ("kms:DescribeKey for alias/lab", (await _aws.Gateways().Kms.DescribeKeyAsync("alias/lab")).Failure!),
            "sts" => ("sts:GetCallerIdentity", (await _aws.Gateways().Sts.GetCallerIdentityAsync()).Failure!),
            _ => ($"iam:GetPolicy for {PolicyArn}", (await Iam().GetPolicyDefaultVersionAsync(PolicyArn)).Failure!),
        };

        // S3's client drops a body it cannot parse; the JSON and Query clients quote it, so it can be shown.
        string quoted = service == "s3" ? "" : " (\u201cupstream connect error or disconnect/reset before headers\u201d)";
        string expected = answer switch
        {
            "html" or "html403" => $"{operation} failed: the endpoint answered HTTP {code} with a web page, not an AWS response: check the endpoint URL or the proxy.",
            "empty" => $"{operation} failed: the endpoint answered HTTP {code} with no error details: try again; if it keeps failing, check the endpoint URL or the proxy.",
            _ => $"{operation} failed: the endpoint answered HTTP {code} with something that is not an AWS response{quoted}: check the endpoint URL or the proxy.",
        };
        Assert.Equal(expected, failure.Message);
        Assert.Null(failure.ErrorCode);
        Assert.DoesNotContain("<", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Regex.Matches(failure.Message, @"HTTP \d{3}"));
    }

    [Theory]
    [InlineData("<html><head><title>Sign in to the network</title></head><body>Accept the terms</body></html>", "text/html", "with something that is not an AWS response")]
    [InlineData("{\"unexpected\":", "application/x-amz-json-1.1", "with something that is not an AWS response")]
    public async Task SuccessfulAnswersThatAreNotAws_SayWhatCameBack(string body, string mediaType, string said)
    {
        // A captive portal answers 200 with its sign-in page; a broken emulator with half a document. On a 2xx the SDK
        // keeps neither the body nor its type, so a page cannot be told from other text here.
        _aws.RespondWith(_ => AwsHttpStub.Text(HttpStatusCode.OK, body, mediaType));

        AwsFailure failure = (await _aws.Gateways().Kms.DescribeKeyAsync("alias/lab")).Failure!;

        Assert.Equal($"kms:DescribeKey for alias/lab failed: the endpoint answered HTTP 200 {said}: check the endpoint URL or the proxy.", failure.Message);
    }

    private IamQueryClient Iam() => IamQueryClient.Create(AwsHttpStub.Credentials, AwsHttpStub.Endpoint, _iam);

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static void AssertRedacted(AwsFailure failure, AwsFailureKind kind, string? code, string? kept)
    {
        string all = $"{failure.Message}\n{failure.Resource}\n{failure.ErrorCode}\n{failure.Action}";
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.ErrorCode);
        foreach (string marker in new[] { KeyMarker, TempKeyMarker, SignatureMarker, TokenMarker, "MARKERTOKEN", "MARKERKEY" })
        {
            Assert.DoesNotContain(marker, all, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("AWS4-HMAC-SHA256 Credential", all, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        if (kept is not null)
        {
            // The readable part of AWS's message is still there, with the credential material masked.
            Assert.Contains(kept, failure.Message, StringComparison.Ordinal);
            Assert.Contains(CredentialRedaction.Mask, failure.Message, StringComparison.Ordinal);
        }
    }
}
