using System.Globalization;
using System.Net;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

public class IamQueryClientTests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string PolicyArn = "arn:aws:iam::123456789012:policy/ica-storage";
    private const string UserName = "ica-user";

    // IAM's RFC 3986 encoding of {"Version": "2012-10-17", "Sid": "a+b c"}: spaces are %20, a literal plus is %2B.
    private const string EncodedDocument = "%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Sid%22%3A%20%22a%2Bb%20c%22%7D";
    private const string DecodedDocument = """{"Version": "2012-10-17", "Sid": "a+b c"}""";

    private readonly IamFakeHandler _iam = new();

    [Fact]
    public async Task GetPolicyDefaultVersion_ReturnsTheDecodedDefaultDocument()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.GetPolicy(PolicyArn, "v3"))
            .Answer(HttpStatusCode.OK, IamXml.GetPolicyVersion("v3", EncodedDocument));

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.True(result.Succeeded);
        Assert.Equal(new ManagedPolicyVersion(PolicyArn, "v3", DecodedDocument), result.Value);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_PostsSignedQueryRequests()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.GetPolicy(PolicyArn, "v3"))
            .Answer(HttpStatusCode.OK, IamXml.GetPolicyVersion("v3", EncodedDocument));

        await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Collection(
            _iam.Requests,
            getPolicy =>
            {
                AssertSignedQueryRequest(getPolicy, new("https://iam.amazonaws.com/"));
                Assert.Equal(
                    new Dictionary<string, string> { ["Action"] = "GetPolicy", ["PolicyArn"] = PolicyArn, ["Version"] = "2010-05-08" },
                    getPolicy.Form);
            },
            getVersion =>
            {
                AssertSignedQueryRequest(getVersion, new("https://iam.amazonaws.com/"));
                Assert.Equal(
                    new Dictionary<string, string>
                    {
                        ["Action"] = "GetPolicyVersion",
                        ["PolicyArn"] = PolicyArn,
                        ["VersionId"] = "v3",
                        ["Version"] = "2010-05-08",
                    },
                    getVersion.Form);
            });
    }

    [Fact]
    public async Task Create_SignsRequestsWithAValidSignature()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.ListAttachedUserPolicies([], null));

        await Client().ListAttachedUserPoliciesAsync(UserName);

        // Recompute the signature with the spec-derived reference at the time the SDK signed, over the headers it signed.
        IamRecordedRequest sent = Assert.Single(_iam.Requests);
        string authorization = sent.Header("Authorization")!;
        DateTime signedAt = DateTime.ParseExact(
            sent.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        string[] signed = IamSigV4Reference.SignedHeadersOf(authorization);
        Assert.Contains("x-amz-security-token", signed);
        Assert.Contains("content-type", signed);
        string expected = IamSigV4Reference.Authorization(
            "POST",
            sent.Uri,
            signed.Where(h => h != "host").Select(h => new KeyValuePair<string, string>(h, sent.Header(h)!)),
            sent.Body,
            AccessKeyId,
            SecretAccessKey,
            "us-east-1",
            "iam",
            signedAt);
        Assert.Equal(expected, authorization);
    }

    [Fact]
    public async Task Create_PostsToTheCustomEndpoint_WhenOneIsGiven()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.ListAttachedUserPolicies([], null));
        IamQueryClient client = IamQueryClient.Create(Credentials(), new Uri("http://127.0.0.1:4566"), _iam);

        await client.ListAttachedUserPoliciesAsync(UserName);

        AssertSignedQueryRequest(Assert.Single(_iam.Requests), new("http://127.0.0.1:4566/"));
    }

    [Fact]
    public void Create_TimesOutAfterFiveSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Client().Timeout);
    }

    [Fact]
    public void CreateTransport_DoesNotFollowRedirects()
    {
        using SocketsHttpHandler transport = IamQueryClient.CreateTransport();

        Assert.False(transport.AllowAutoRedirect);
    }

    [Theory]
    [InlineData("https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("http://127.0.0.1:4566", "us-east-1")]
    [InlineData("http://localhost.localstack.cloud:4566", "us-east-1")]
    [InlineData("https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    public void SigningRegionFor_NamesTheRegionOfTheEndpoint(string endpoint, string region)
    {
        Assert.Equal(region, IamQueryClient.SigningRegionFor(new Uri(endpoint)));
    }

    [Theory]
    [InlineData(EncodedDocument, DecodedDocument)]
    [InlineData("%7B%22a%22%3A%22x+y%22%7D", """{"a":"x+y"}""")]
    [InlineData("""{"a": "100%25"}""", """{"a": "100%25"}""")]
    [InlineData("%7B%22a%22%3A%22%E2%9C%93%22%7D", """{"a":"✓"}""")]
    public void DecodeDocument_DecodesPercentEncodingAndKeepsPlus(string document, string expected)
    {
        Assert.Equal(expected, IamQuery.DecodeDocument(document));
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_FailsAsOther_WhenTheAnswerHasNoDefaultVersion()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.GetPolicy(PolicyArn, "").Replace("<DefaultVersionId></DefaultVersionId>", "", StringComparison.Ordinal));

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.Other, result.Failure?.Kind);
        Assert.Contains("DefaultVersionId", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Single(_iam.Requests);
    }

    [Fact]
    public async Task ListAttachedUserPolicies_FollowsTheMarkerAcrossPages()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.ListAttachedUserPolicies(
                [("ica-storage", PolicyArn), ("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess")],
                "EXAMPLEMARKER+/="))
            .Answer(HttpStatusCode.OK, IamXml.ListAttachedUserPolicies([("extra", "arn:aws:iam::123456789012:policy/extra")], null));

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await Client().ListAttachedUserPoliciesAsync(UserName);

        Assert.Equal(
            [
                new AttachedPolicy("ica-storage", PolicyArn),
                new AttachedPolicy("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                new AttachedPolicy("extra", "arn:aws:iam::123456789012:policy/extra"),
            ],
            result.Value);
        Assert.Collection(
            _iam.Requests,
            first =>
            {
                AssertSignedQueryRequest(first, new("https://iam.amazonaws.com/"));
                Assert.Equal(
                    new Dictionary<string, string> { ["Action"] = "ListAttachedUserPolicies", ["UserName"] = UserName, ["Version"] = "2010-05-08" },
                    first.Form);
            },
            second =>
            {
                Assert.Equal("ListAttachedUserPolicies", second.Form["Action"]);
                Assert.Equal(UserName, second.Form["UserName"]);
                Assert.Equal("EXAMPLEMARKER+/=", second.Form["Marker"]);
            });
    }

    [Fact]
    public async Task ListAttachedUserPolicies_ReturnsAnEmptyList_WhenNoPolicyIsAttached()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.ListAttachedUserPolicies([], null));

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await Client().ListAttachedUserPoliciesAsync(UserName);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!);
    }

    [Fact]
    public async Task ListAttachedUserPolicies_FailsAsOther_WhenTruncatedWithoutAMarker()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.ListAttachedUserPolicies([("a", PolicyArn)], null)
            .Replace("<IsTruncated>false</IsTruncated>", "<IsTruncated>true</IsTruncated>", StringComparison.Ordinal));

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await Client().ListAttachedUserPoliciesAsync(UserName);

        Assert.Equal(AwsFailureKind.Other, result.Failure?.Kind);
        Assert.Single(_iam.Requests);
    }

    public static TheoryData<HttpStatusCode, string, AwsFailureKind> ErrorCodes { get; } = new()
    {
        { HttpStatusCode.Forbidden, "AccessDenied", AwsFailureKind.AccessDenied },
        { HttpStatusCode.NotFound, "NoSuchEntity", AwsFailureKind.NotFound },
        { HttpStatusCode.Forbidden, "InvalidClientTokenId", AwsFailureKind.InvalidCredentials },
        { HttpStatusCode.Forbidden, "ExpiredToken", AwsFailureKind.InvalidCredentials },
        { HttpStatusCode.Forbidden, "SignatureDoesNotMatch", AwsFailureKind.InvalidCredentials },
        { HttpStatusCode.BadRequest, "Throttling", AwsFailureKind.Throttled },
        { HttpStatusCode.BadRequest, "ValidationError", AwsFailureKind.Other },
        { HttpStatusCode.BadRequest, "InvalidInput", AwsFailureKind.Other },
    };

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task GetPolicyDefaultVersion_MapsIamErrorCodes(HttpStatusCode status, string code, AwsFailureKind kind)
    {
        _iam.Answer(status, IamXml.Error(code, "Some message."));

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        AwsFailure failure = Assert.IsType<AwsFailure>(result.Failure);
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.ErrorCode);
        Assert.Equal("iam:GetPolicy", failure.Action);
        Assert.Equal(PolicyArn, failure.Resource);
        AssertNoSecrets(failure);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_NamesPermissionAndFix_WhenGetPolicyIsDenied()
    {
        _iam.Answer(HttpStatusCode.Forbidden, IamXml.Error("AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/admin/x is not authorized"));

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure?.Kind);
        Assert.Contains($"iam:GetPolicy on {PolicyArn}", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("add iam:GetPolicy to your role's policy", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_NamesGetPolicyVersion_WhenOnlyThatIsDenied()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.GetPolicy(PolicyArn, "v2"))
            .Answer(HttpStatusCode.Forbidden, IamXml.Error("AccessDenied", "not authorized"));

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure?.Kind);
        Assert.Equal("iam:GetPolicyVersion", result.Failure!.Action);
        Assert.Contains("add iam:GetPolicyVersion to your role's policy", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAttachedUserPolicies_NamesPermissionAndUser_WhenDenied()
    {
        _iam.Answer(HttpStatusCode.Forbidden, IamXml.Error("AccessDenied", "not authorized"));

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await Client().ListAttachedUserPoliciesAsync(UserName);

        Assert.Equal(AwsFailureKind.AccessDenied, result.Failure?.Kind);
        Assert.Equal("iam:ListAttachedUserPolicies", result.Failure!.Action);
        Assert.Equal(UserName, result.Failure.Resource);
        Assert.Contains("add iam:ListAttachedUserPolicies to your role's policy", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_SaysThePolicyDoesNotExist_WhenNoSuchEntity()
    {
        _iam.Answer(HttpStatusCode.NotFound, IamXml.Error("NoSuchEntity", $"Policy {PolicyArn} does not exist or is not attachable."));

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.NotFound, result.Failure?.Kind);
        Assert.Equal($"The policy {PolicyArn} does not exist: check the ARN.", result.Failure!.Message);
    }

    [Fact]
    public async Task ListAttachedUserPolicies_SaysTheUserDoesNotExist_WhenNoSuchEntity()
    {
        _iam.Answer(HttpStatusCode.NotFound, IamXml.Error("NoSuchEntity", $"The user with name {UserName} cannot be found."));

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await Client().ListAttachedUserPoliciesAsync(UserName);

        Assert.Equal(AwsFailureKind.NotFound, result.Failure?.Kind);
        Assert.StartsWith($"The IAM user {UserName} does not exist", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_QuotesOnlyTheFirstLineOfAnUnknownError()
    {
        _iam.Answer(HttpStatusCode.BadRequest, IamXml.Error("ValidationError", "ARN arn:aws:iam::x is not valid.\nsecond line"));

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.Other, result.Failure?.Kind);
        Assert.EndsWith("ValidationError: ARN arn:aws:iam::x is not valid.", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_NeverEchoesTheCanonicalRequest_WhenTheSignatureDoesNotMatch()
    {
        // Query-protocol services append the canonical request, security token included, to this message.
        const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
        _iam.Answer(HttpStatusCode.Forbidden, IamXml.Error(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request "
            + $"should have been\n'POST\n/\n\nhost:iam.amazonaws.com\nx-amz-security-token:{SessionToken}\n'"));
        IamQueryClient client = IamQueryClient.Create(new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken), innerHandler: _iam);

        Result<ManagedPolicyVersion, AwsFailure> result = await client.GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.InvalidCredentials, result.Failure?.Kind);
        Assert.DoesNotContain(SessionToken, result.Failure!.Message, StringComparison.Ordinal);
        AssertNoSecrets(result.Failure);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "<html><body>Internal error</body></html", AwsFailureKind.Network)]
    [InlineData(HttpStatusCode.BadGateway, "", AwsFailureKind.Other)]
    [InlineData(HttpStatusCode.TooManyRequests, "Rate exceeded", AwsFailureKind.Throttled)]
    [InlineData(HttpStatusCode.OK, "not xml at all", AwsFailureKind.Other)]
    [InlineData(HttpStatusCode.OK, "<SomethingElse/>", AwsFailureKind.Other)]
    public async Task GetPolicyDefaultVersion_DoesNotCrash_OnAnswersThatAreNotIamXml(HttpStatusCode status, string body, AwsFailureKind kind)
    {
        _iam.Answer(status, body, "text/html");

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        AwsFailure failure = Assert.IsType<AwsFailure>(result.Failure);
        Assert.Equal(kind, failure.Kind);
        Assert.Null(failure.ErrorCode);
        Assert.Equal("iam:GetPolicy", failure.Action);
        AssertNoSecrets(failure);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_RejectsDtds()
    {
        // Well-formed but for the DTD, whose entity would supply the version: a parser that processes DTDs would go on.
        string withDtd = """<?xml version="1.0"?><!DOCTYPE GetPolicyResponse [<!ENTITY v "v9">]>"""
            + IamXml.GetPolicy(PolicyArn, "&v;");
        _iam.Answer(HttpStatusCode.OK, withDtd);

        Result<ManagedPolicyVersion, AwsFailure> result = await Client().GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.Other, result.Failure?.Kind);
        Assert.Single(_iam.Requests);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_FailsAsTimeout_WhenIamDoesNotAnswerInTime()
    {
        // A real HttpClient deadline, kept short; the transport waits for the cancellation it causes. A read is tried twice.
        static async Task<HttpResponseMessage> Never(IamRecordedRequest request, CancellationToken cancellationToken)
        {
            var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using CancellationTokenRegistration registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
            return await never.Task;
        }

        _iam.Answer(Never).Answer(Never);
        var client = new IamQueryClient(new HttpClient(_iam) { Timeout = TimeSpan.FromMilliseconds(50) });

        Result<ManagedPolicyVersion, AwsFailure> result = await client.GetPolicyDefaultVersionAsync(PolicyArn);

        Assert.Equal(AwsFailureKind.Timeout, result.Failure?.Kind);
        Assert.Equal("iam:GetPolicy", result.Failure!.Action);
        Assert.Equal(2, _iam.Requests.Count);
        Assert.Equal(
            $"iam:GetPolicy for {PolicyArn} got no answer within 0.05 s (tried 2 times): check the network, the proxy or the endpoint URL.",
            result.Failure.Message);
    }

    [Fact]
    public async Task ListAttachedUserPolicies_FailsAsNetwork_WhenTheEndpointCannotBeReached()
    {
        _iam.Answer((_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:4566)"))
            .Answer((_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:4566)"));
        IamQueryClient client = IamQueryClient.Create(Credentials(), new Uri("http://127.0.0.1:4566"), _iam);

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await client.ListAttachedUserPoliciesAsync(UserName);

        Assert.Equal(AwsFailureKind.Network, result.Failure?.Kind);
        Assert.Contains("http://127.0.0.1:4566", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, _iam.Requests.Count);
    }

    [Fact]
    public async Task ListAttachedUserPolicies_FailsAsInvalidCredentials_WhenTheCredentialsCannotBeResolved()
    {
        IamQueryClient client = IamQueryClient.Create(new UnresolvableCredentials(), innerHandler: _iam);

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await client.ListAttachedUserPoliciesAsync(UserName);

        Assert.Equal(AwsFailureKind.InvalidCredentials, result.Failure?.Kind);
        Assert.Empty(_iam.Requests);
    }

    [Fact]
    public async Task GetPolicyDefaultVersion_Throws_WhenTheCallerCancelsBeforehand()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetPolicyDefaultVersionAsync(PolicyArn, cancellation.Token));
    }

    [Fact]
    public async Task ListAttachedUserPolicies_Throws_WhenTheCallerCancelsInFlight()
    {
        using var cancellation = new CancellationTokenSource();
        _iam.Answer(async (_, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().ListAttachedUserPoliciesAsync(UserName, cancellation.Token));
    }

    [Fact]
    public async Task GetUserPolicy_ReturnsTheDecodedInlineDocument()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.GetInlinePolicy("GetUserPolicy", "UserName", UserName, "ica-s3", EncodedDocument));

        Result<InlinePolicy, AwsFailure> result = await Client().GetUserPolicyAsync(UserName, "ica-s3");

        Assert.Equal(new InlinePolicy("ica-s3", DecodedDocument), result.Value);
        Assert.Equal(
            new Dictionary<string, string> { ["Action"] = "GetUserPolicy", ["UserName"] = UserName, ["PolicyName"] = "ica-s3", ["Version"] = "2010-05-08" },
            Assert.Single(_iam.Requests).Form);
    }

    [Fact]
    public async Task GetGroupPolicy_ReturnsTheDecodedInlineDocument()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.GetInlinePolicy("GetGroupPolicy", "GroupName", "ica-admins", "kms", EncodedDocument));

        Result<InlinePolicy, AwsFailure> result = await Client().GetGroupPolicyAsync("ica-admins", "kms");

        Assert.Equal(new InlinePolicy("kms", DecodedDocument), result.Value);
        Assert.Equal("ica-admins", Assert.Single(_iam.Requests).Form["GroupName"]);
    }

    [Fact]
    public async Task ListGroupsForUser_FollowsTheMarkerAcrossPages()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.List("ListGroupsForUser", "Groups", [IamXml.Group("ica-admins")], "NEXT"))
            .Answer(HttpStatusCode.OK, IamXml.List("ListGroupsForUser", "Groups", [IamXml.Group("lab")], null));

        Result<IReadOnlyList<string>, AwsFailure> result = await Client().ListGroupsForUserAsync(UserName);

        Assert.Equal(["ica-admins", "lab"], result.Value);
        Assert.Equal("NEXT", _iam.Requests[1].Form["Marker"]);
    }

    [Fact]
    public async Task ListUserPoliciesAndListGroupPolicies_ReturnThePolicyNames()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.List("ListUserPolicies", "PolicyNames", [IamXml.Name("a"), IamXml.Name("b")], null))
            .Answer(HttpStatusCode.OK, IamXml.List("ListGroupPolicies", "PolicyNames", [], null));

        Result<IReadOnlyList<string>, AwsFailure> user = await Client().ListUserPoliciesAsync(UserName);
        Result<IReadOnlyList<string>, AwsFailure> group = await Client().ListGroupPoliciesAsync("ica-admins");

        Assert.Equal(["a", "b"], user.Value);
        Assert.Empty(group.Value!);
        Assert.Equal(["ListUserPolicies", "ListGroupPolicies"], _iam.Requests.Select(r => r.Form["Action"]));
    }

    [Fact]
    public async Task ListAttachedGroupPolicies_ReturnsTheAttachedPolicies()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.List(
            "ListAttachedGroupPolicies", "AttachedPolicies", [$"<PolicyName>ica-storage</PolicyName><PolicyArn>{PolicyArn}</PolicyArn>"], null));

        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> result = await Client().ListAttachedGroupPoliciesAsync("ica-admins");

        Assert.Equal([new AttachedPolicy("ica-storage", PolicyArn)], result.Value);
    }

    [Theory]
    [InlineData("ListUserPolicies")]
    [InlineData("ListGroupsForUser")]
    [InlineData("ListAttachedGroupPolicies")]
    [InlineData("ListGroupPolicies")]
    [InlineData("GetUserPolicy")]
    [InlineData("GetGroupPolicy")]
    public async Task GroupAndInlineCalls_NamePermission_WhenDenied(string action)
    {
        _iam.Answer(HttpStatusCode.Forbidden, IamXml.Error("AccessDenied", "not authorized"));
        IamQueryClient client = Client();

        AwsFailure? failure = action switch
        {
            "ListUserPolicies" => (await client.ListUserPoliciesAsync(UserName)).Failure,
            "ListGroupsForUser" => (await client.ListGroupsForUserAsync(UserName)).Failure,
            "ListAttachedGroupPolicies" => (await client.ListAttachedGroupPoliciesAsync("g")).Failure,
            "ListGroupPolicies" => (await client.ListGroupPoliciesAsync("g")).Failure,
            "GetUserPolicy" => (await client.GetUserPolicyAsync(UserName, "p")).Failure,
            _ => (await client.GetGroupPolicyAsync("g", "p")).Failure,
        };

        Assert.Equal((AwsFailureKind.AccessDenied, $"iam:{action}"), (failure!.Kind, failure.Action));
        Assert.Contains($"add iam:{action} to your role's policy", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListGroupsForUser_FailsAsOther_WhenTruncatedWithoutANewMarker()
    {
        _iam.Answer(HttpStatusCode.OK, IamXml.List("ListGroupsForUser", "Groups", [IamXml.Group("g")], "SAME"))
            .Answer(HttpStatusCode.OK, IamXml.List("ListGroupsForUser", "Groups", [IamXml.Group("g")], "SAME"));

        Result<IReadOnlyList<string>, AwsFailure> result = await Client().ListGroupsForUserAsync(UserName);

        Assert.Equal(AwsFailureKind.Other, result.Failure?.Kind);
    }

    private IamQueryClient Client() => IamQueryClient.Create(Credentials(), innerHandler: _iam);

    private static SessionAWSCredentials Credentials() => new(AccessKeyId, SecretAccessKey, "token");

    private static void AssertSignedQueryRequest(IamRecordedRequest request, Uri endpoint)
    {
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(endpoint, request.Uri);
        Assert.Equal("application/x-www-form-urlencoded", request.MediaType);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/us-east-1/iam/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("token", request.Header("X-Amz-Security-Token"));
    }

    private static void AssertNoSecrets(AwsFailure failure)
    {
        string all = string.Join("\n", failure.Message, failure.Resource, failure.ErrorCode);
        Assert.DoesNotContain(AccessKeyId, all, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretAccessKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS4-HMAC-SHA256", all, StringComparison.Ordinal);
    }

    /// <summary>Credentials whose provider fails, like an expired SSO session.</summary>
    private sealed class UnresolvableCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("The SSO session has expired.");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => throw new AmazonClientException("The SSO session has expired.");
    }
}
