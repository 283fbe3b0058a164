using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

/// <summary>A request the SDK sent to the fake, captured before the fake answered.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>A header's value (request and content headers alike), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The JSON-protocol operation, e.g. <c>TrentService.DescribeKey</c>.</summary>
    public string Target => Header("X-Amz-Target") ?? "";

    /// <summary>True when the query string holds the sub-resource, e.g. <c>encryption</c> in <c>?encryption</c>.</summary>
    public bool HasSubresource(string name) =>
        Uri.Query.TrimStart('?').Split('&').Any(part => part == name || part.StartsWith(name + "=", StringComparison.Ordinal));
}

/// <summary>
/// A stub of AWS's HTTP endpoints for the SDK-level gateway tests: an <see cref="HttpMessageHandler"/> the real SDK
/// clients send to (plugged in through the SDK's <see cref="HttpClientFactory"/>), answering with whatever the test's
/// responder returns. Nothing leaves the process. (The gateways above the SDK are faked by IcaKms.TestKit's
/// InMemoryAws; a whole fake AWS on loopback is IcaKms.FakeAws's FakeAwsServer.)
/// </summary>
internal sealed class AwsHttpStub : HttpMessageHandler
{
    public const string Region = "eu-west-2";
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretKey = "secret-for-tests";
    public const string SessionToken = "token-for-tests";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>The endpoint the clients are pointed at; the handler answers before any connection is made.</summary>
    public static Uri Endpoint { get; } = new("http://127.0.0.1:4566/");

    /// <summary>Answers a request; the default says the test forgot to set one.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (request, _) => Task.FromResult(Text(HttpStatusCode.NotImplemented, $"no response set for {request.Method} {request.Uri}", "text/plain"));

    /// <summary>Every request the SDK sent, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers every request with the same response.</summary>
    public void RespondWith(Func<RecordedRequest, HttpResponseMessage> respond) =>
        Respond = (request, _) => Task.FromResult(respond(request));

    /// <summary>The SDK factory to set on a client config.</summary>
    public HttpClientFactory ClientFactory => new StubHttpClientFactory(this);

    /// <summary>Session credentials the SDK signs with; no real account behind them.</summary>
    public static AWSCredentials Credentials => new SessionAWSCredentials(AccessKeyId, SecretKey, SessionToken);

    /// <summary>A session pointed at the fake.</summary>
    public static AwsSession Session(Uri? endpoint = null) => new(
        AwsSessionSource.Pasted,
        Credentials,
        new CallerIdentity("111122223333", "arn:aws:sts::111122223333:assumed-role/Admin/alice", "AROAEXAMPLE:alice"),
        endpoint ?? Endpoint);

    /// <summary>A client factory whose clients send to this stub, without retries (each test sees one answer), deadlines on <paramref name="time"/>.</summary>
    public AwsClientFactory Factory(TimeSpan? timeout = null, TimeProvider? time = null) =>
        new(_ => new UnusedIamGateway(), null, ClientFactory, _ => null)
        {
            MaxErrorRetry = 0,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Time = time ?? TimeProvider.System,
        };

    /// <summary>The gateways of a session pointed at this stub.</summary>
    public AwsGateways Gateways(TimeSpan? timeout = null, TimeProvider? time = null) => Factory(timeout, time).Create(Session(), Region);

    public static HttpResponseMessage Text(HttpStatusCode status, string body, string contentType, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        response.Headers.TryAddWithoutValidation("x-amz-request-id", "REQUEST1234567890");
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>An S3 REST-XML answer.</summary>
    public static HttpResponseMessage Xml(string body, HttpStatusCode status = HttpStatusCode.OK, params (string Name, string Value)[] headers) =>
        Text(status, """<?xml version="1.0" encoding="UTF-8"?>""" + "\n" + body, "application/xml", headers);

    /// <summary>S3's error document: <c>&lt;Error&gt;&lt;Code&gt;…</c>.</summary>
    public static HttpResponseMessage S3Error(HttpStatusCode status, string code, string message, params (string Name, string Value)[] headers) =>
        Xml($"<Error><Code>{code}</Code><Message>{message}</Message><RequestId>REQUEST1234567890</RequestId><HostId>host</HostId></Error>", status, headers);

    /// <summary>An answer without a body (HeadBucket), with headers.</summary>
    public static HttpResponseMessage Empty(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>A KMS JSON 1.1 answer.</summary>
    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        Text(status, body, "application/x-amz-json-1.1");

    /// <summary>KMS's error document: <c>{"__type": …, "message": …}</c> with 400.</summary>
    public static HttpResponseMessage KmsError(string type, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        Json($$"""{"__type":"{{type}}","message":"{{message}}"}""", status);

    /// <summary>An STS Query-protocol error: <c>&lt;ErrorResponse&gt;</c>.</summary>
    public static HttpResponseMessage StsError(HttpStatusCode status, string code, string message) =>
        Text(status,
            $"""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
              <RequestId>4fb1c5e5-0000-4000-8000-000000000000</RequestId>
            </ErrorResponse>
            """,
            "text/xml");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        string body = "";
        if (request.Content is not null)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body);
        _requests.Enqueue(recorded);
        HttpResponseMessage response = await Respond(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    /// <summary>Hands the SDK an <see cref="HttpClient"/> over the fake, with the config's timeout as the SDK's own client has.</summary>
    private sealed class StubHttpClientFactory(AwsHttpStub handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}

/// <summary>The IAM gateway slot of <see cref="AwsGateways"/>: IAM is another client's job, not tested here.</summary>
internal sealed class UnusedIamGateway : IIamGateway
{
    public Task<Result<ManagedPolicyVersion, AwsFailure>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<InlinePolicy, AwsFailure>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<InlinePolicy, AwsFailure>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IamUser, AwsFailure>> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<CreatedAccessKey, AwsFailure>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IReadOnlyList<AccessKeyMetadata>, AwsFailure>> ListAccessKeyMetadataAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<DateTimeOffset?, AwsFailure>> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<bool, AwsFailure>> UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<bool, AwsFailure>> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<IamUser, AwsFailure>> CreateUserAsync(string userName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<CreatedPolicy, AwsFailure>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<PolicyVersionInfo, AwsFailure>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<DeletedPolicyVersion, AwsFailure>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");

    public Task<Result<UserPolicyAttachment, AwsFailure>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("IAM is not part of these tests.");
}
