using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace IcaKms.FakeAws;

/// <summary>
/// A loopback HTTP server on 127.0.0.1 and a free port that answers as AWS does for one <see cref="FakeAwsScenario"/>:
/// S3 (path-style REST XML), KMS (JSON 1.1), STS and IAM (Query XML), all on one base URL, as the app's clients send
/// them with an endpoint override (<see cref="Url"/>, e.g. as <c>AWS_ENDPOINT_URL</c>). It answers the calls of the
/// live inspection and the S3 and KMS writes of the apply flow, which change its state (<see cref="Buckets"/>,
/// <see cref="Keys"/>, <see cref="Aliases"/>; it starts as <see cref="Scenario"/> says) so later reads see them; it
/// refuses the rest (S3 501 <c>NotImplemented</c>, KMS <c>UnknownOperationException</c>, Query <c>InvalidAction</c>). Requests are answered concurrently; every one is counted and recorded in
/// <see cref="Requests"/> without its headers or body, so no signature or credential is kept.
/// </summary>
public sealed partial class FakeAwsServer : IAsyncDisposable
{
    private const int StartAttempts = 5;
    private const int MaxBodyBytes = 1 << 20;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private static readonly string[] SecretQueryParameters = ["X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token"];

    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<FakeAwsRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;
    private int _requestCount;
    private int _active;
    private int _held;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskCompletionSource<bool>? _hold; // its result: answer the held requests (true) or drop them
    private volatile Func<FakeAwsRequest, bool>? _holdTrigger;
    private int _disposed;

    private FakeAwsServer(FakeAwsScenario scenario, HttpListener listener, Uri url)
    {
        Scenario = scenario;
        _state = new FakeAwsState(scenario);
        _listener = listener;
        Url = url;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The account the server plays, as it was at the start (the S3 and KMS writes change <see cref="Buckets"/> and <see cref="Keys"/>, not this).</summary>
    public FakeAwsScenario Scenario { get; }

    /// <summary>The base URL of every service, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url { get; }

    /// <summary>How many requests have arrived so far (including ones still being answered).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>How the server misbehaves from now on (every request), until set back to <see cref="FakeAwsFault.None"/>.</summary>
    public FakeAwsFault Fault { get; set; }

    /// <summary>How many requests are waiting at <see cref="HoldRequests"/>.</summary>
    public int HeldRequests => Volatile.Read(ref _held);

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, checked again each time a request arrives, is held or released,
    /// or is answered; fails after <paramref name="timeout"/> (10 s when null) with <paramref name="what"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed = _changed.Task;
            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"FakeAwsServer: {what} did not happen in time.");
            }
        }
    }

    /// <summary>Holds every request that arrives from now on (before it is answered) until <see cref="ReleaseRequests"/>.</summary>
    public void HoldRequests() => _hold = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Starts holding every request (as <see cref="HoldRequests"/>) once a request matching <paramref name="trigger"/> has
    /// been answered: a client that waits for that answer before its next call is stopped right after it, whatever the
    /// timing (e.g. between two writes of an apply). Once.
    /// </summary>
    public void HoldRequestsAfter(Func<FakeAwsRequest, bool> trigger) => _holdTrigger = trigger;

    /// <summary>Lets the held requests be answered, and stops holding new ones.</summary>
    public void ReleaseRequests()
    {
        TaskCompletionSource<bool>? hold = _hold;
        _hold = null;
        hold?.TrySetResult(true);
    }

    /// <summary>
    /// Drops the held requests without answering or applying them (their responses are aborted, which HttpListener on
    /// Linux ends as an empty answer, and they are recorded as <c>fake:Dropped</c>), as requests lost with a client that
    /// died; stops holding new ones.
    /// </summary>
    public void DropHeldRequests()
    {
        TaskCompletionSource<bool>? hold = _hold;
        _hold = null;
        hold?.TrySetResult(false);
    }

    /// <summary>The requests answered so far, in the order their answers were decided.</summary>
    public IReadOnlyList<FakeAwsRequest> Requests => [.. _requests];

    /// <summary>Starts a server for the scenario (the default one when null) on a free loopback port.</summary>
    /// <exception cref="ArgumentException">The scenario is inconsistent (e.g. a malformed key ARN).</exception>
    public static FakeAwsServer Start(FakeAwsScenario? scenario = null)
    {
        scenario ??= new FakeAwsScenario();
        Validate(scenario);
        for (int attempt = 1; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.AbsoluteUri);
            try
            {
                listener.Start();
                return new FakeAwsServer(scenario, listener, url);
            }
            catch (HttpListenerException) when (attempt < StartAttempts)
            {
                // Another process took the port between FreePort and Start: try another one.
                listener.Close();
            }
        }
    }

    /// <summary>
    /// Stops listening, answers the calls still waiting out <see cref="FakeAwsScenario.Latency"/> with 503
    /// <c>ServiceUnavailable</c>, and waits for the answers being written.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Answer first, then stop: HttpListener's Stop closes open connections, sending an empty 200 on Linux.
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _active) > 0)
        {
            await _drained.Task.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }

        // Close only, never Stop then Close: on Linux each of them unregisters the prefix, and the second finds the port's
        // endpoint gone and binds the port again to look it up, which fails (Address already in use) when another server
        // of the same test run took the freed port in between.
        _listener.Close();
        await _acceptLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static void Validate(FakeAwsScenario scenario)
    {
        if (scenario.Versioning is not (null or "Enabled" or "Suspended"))
        {
            throw new ArgumentException($"Versioning must be null, Enabled or Suspended, not '{scenario.Versioning}'.", nameof(scenario));
        }

        foreach (FakeKmsKey key in scenario.Keys)
        {
            string[] parts = key.KeyArn.Split(':');
            if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "kms" || !parts[5].StartsWith("key/", StringComparison.Ordinal) || parts[5].Length <= 4)
            {
                throw new ArgumentException($"'{key.KeyArn}' is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID).", nameof(scenario));
            }

            if (key.Alias is { } alias && (!alias.StartsWith("alias/", StringComparison.Ordinal) || alias.Length <= 6))
            {
                throw new ArgumentException($"The alias '{alias}' of {key.KeyArn} must be 'alias/NAME'.", nameof(scenario));
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException
                && _stopping.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _requestCount);
            Changed();
            Interlocked.Increment(ref _active);
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    // Wakes every WaitUntilAsync: the completed signal is swapped for a fresh one, atomically.
    private void Changed() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string method = context.Request.HttpMethod.ToUpperInvariant();
            string pathAndQuery = context.Request.RawUrl ?? "/";
            FakeAwsResponse response;
            try
            {
                IncomingRequest request = await ReadAsync(context.Request, _stopping.Token).ConfigureAwait(false);
                if (_hold is { } hold)
                {
                    Interlocked.Increment(ref _held);
                    Changed();
                    try
                    {
                        if (!await hold.Task.WaitAsync(_stopping.Token).ConfigureAwait(false))
                        {
                            _requests.Enqueue(new FakeAwsRequest(method, Redact(pathAndQuery), "fake", "fake:Dropped", 0));
                            context.Response.Abort();
                            return;
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _held);
                        Changed();
                    }
                }

                response = Fault is FakeAwsFault.None or FakeAwsFault.StalledBody ? Answer(request) : Misbehave(request, Fault);
                if (Scenario.Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Scenario.Latency, _stopping.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Stopping: answer what is still waiting (HttpListener's Abort would send an empty 200 on Linux).
                response = S3Error("fake:Stopping", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "FakeAwsServer is stopping.") with
                {
                    Service = "fake",
                };
            }
            catch (Exception exception) when (exception is not (HttpListenerException or IOException or ObjectDisposedException))
            {
                // A bug of the fake, or a request it cannot read: say so in S3's error shape (every SDK reads
                // <Error><Code>), with a 500.
                response = S3Error("fake:InternalError", HttpStatusCode.InternalServerError, "InternalError", $"FakeAwsServer failed: {exception}") with
                {
                    Service = "fake",
                };
            }

            var answered = new FakeAwsRequest(method, Redact(pathAndQuery), response.Service, response.Operation, (int)response.Status);
            _requests.Enqueue(answered);
            if (_holdTrigger is { } trigger && trigger(answered) && Interlocked.CompareExchange(ref _holdTrigger, null, trigger) == trigger)
            {
                HoldRequests(); // before the answer is written, so the client's next call is held
            }

            Changed();
            if (Fault == FakeAwsFault.StalledBody)
            {
                await StallAsync(context.Response, response, method == "HEAD").ConfigureAwait(false);
                return;
            }

            await WriteAsync(context.Response, response, method == "HEAD").ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away: nobody is left to answer.
            context.Response.Abort();
        }
        finally
        {
            if (Interlocked.Decrement(ref _active) == 0 && _stopping.IsCancellationRequested)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>The answer of a <see cref="FakeAwsFault"/>, in the shape of the service the request is for.</summary>
    private static FakeAwsResponse Misbehave(IncomingRequest request, FakeAwsFault fault)
    {
        if (fault == FakeAwsFault.HtmlErrorPage)
        {
            const string page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            return new FakeAwsResponse("fake", "fake:HtmlErrorPage", HttpStatusCode.BadGateway, page, "text/html", []);
        }

        // As AWS's IncompleteSignature / SignatureDoesNotMatch messages do: the request's own signing material, quoted.
        string echoed = $"Authorization={request.Header("Authorization")} X-Amz-Security-Token={request.Header("X-Amz-Security-Token")} X-Amz-Date={request.Header("X-Amz-Date")}";
        string message = $"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. {echoed}";
        if (request.Header("X-Amz-Target") is { } target && target.StartsWith("TrentService.", StringComparison.Ordinal))
        {
            return KmsError("kms:" + target["TrentService.".Length..], "IncompleteSignatureException", message) with { Status = HttpStatusCode.Forbidden };
        }

        if (request.QueryAction() is { } action)
        {
            var call = new QueryCall(request.Scope?.Service ?? "sts", action, request.Scope?.Service == "iam" ? IamNamespace : StsNamespace);
            return QueryError(call, HttpStatusCode.Forbidden, "IncompleteSignature", message);
        }

        return S3Error("s3:" + request.Method, HttpStatusCode.Forbidden, "SignatureDoesNotMatch", message);
    }

    /// <summary>Routes a request to the service it is for, after checking who sent it.</summary>
    private FakeAwsResponse Answer(IncomingRequest request)
    {
        if (request.Header("X-Amz-Target") is { } target && target.StartsWith("TrentService.", StringComparison.Ordinal))
        {
            return AnswerKms(request, target["TrentService.".Length..]);
        }

        if (request.QueryAction() is { } action)
        {
            return AnswerQuery(request, action);
        }

        return AnswerS3(request);
    }

    /// <summary>The caller's ARN, or null when the request is not signed with a known access key id.</summary>
    private string? Caller(IncomingRequest request) =>
        request.Scope is { } scope && Scenario.Credentials.TryGetValue(scope.AccessKeyId, out string? arn) ? arn : null;

    /// <summary>The region the request was signed for, else the scenario's.</summary>
    private string RegionOf(IncomingRequest request) => request.Scope?.Region ?? Scenario.Region;

    private bool Denied(string iamAction) => Scenario.DeniedActions.Contains(iamAction) || _refused.ContainsKey(iamAction);

    /// <summary>
    /// Refuses an IAM action from now on with AccessDenied, as <see cref="FakeAwsScenario.DeniedActions"/> does from the
    /// start: a failure injected in the middle of a run (a script, a plan), lifted again with <see cref="Allow"/>.
    /// </summary>
    public void Refuse(string iamAction) => _refused[iamAction] = true;

    /// <summary>Lifts a <see cref="Refuse"/>.</summary>
    public void Allow(string iamAction) => _refused.TryRemove(iamAction, out _);

    private static async Task<IncomingRequest> ReadAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        string body = "";
        if (request.HasEntityBody)
        {
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.InputStream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new InvalidDataException($"The request body is over {MaxBodyBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string? name in request.Headers.AllKeys)
        {
            if (name is not null && request.Headers[name] is { } value)
            {
                headers[name] = value;
            }
        }

        string raw = request.RawUrl ?? "/";
        int question = raw.IndexOf('?', StringComparison.Ordinal);
        string path = question < 0 ? raw : raw[..question];
        string query = question < 0 ? "" : raw[(question + 1)..];
        return new IncomingRequest(request.HttpMethod.ToUpperInvariant(), raw, Uri.UnescapeDataString(path), ParseForm(query), headers, body);
    }

    private static async Task WriteAsync(HttpListenerResponse response, FakeAwsResponse answer, bool head)
    {
        response.StatusCode = (int)answer.Status;
        response.KeepAlive = true;
        long? objectLength = null;
        foreach ((string name, string value) in answer.Headers)
        {
            if (name == ObjectLengthHeader)
            {
                objectLength = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            response.AddHeader(name, value);
        }

        if (answer.ContentType is not null)
        {
            response.ContentType = answer.ContentType;
        }

        byte[] body = head ? [] : Encoding.UTF8.GetBytes(answer.Body);

        // A HEAD answer says the length of what a GET would send (HeadObject: the object's size), without sending it.
        response.ContentLength64 = head && objectLength is { } length ? length : body.Length;
        if (body.Length > 0)
        {
            await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        }

        response.Close();
    }

    /// <summary>
    /// <see cref="FakeAwsFault.StalledBody"/>: the headers and half the body, then nothing until the server stops; the
    /// connection is then dropped. A client that gives up closes it earlier, which this does not notice (nothing is written).
    /// </summary>
    private async Task StallAsync(HttpListenerResponse response, FakeAwsResponse answer, bool head)
    {
        byte[] body = head ? [] : Encoding.UTF8.GetBytes(answer.Body);
        try
        {
            if (body.Length > 0)
            {
                response.StatusCode = (int)answer.Status;
                response.ContentType = answer.ContentType;
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2)).ConfigureAwait(false);
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
            }

            await Task.Delay(Timeout.Infinite, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            response.Abort();
        }
    }

    /// <summary>Parses <c>a=1&amp;b&amp;c=x+y</c> (a query string or a form body); a key without value maps to "".</summary>
    private static Dictionary<string, string> ParseForm(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            values[name] = equals < 0 ? "" : WebUtility.UrlDecode(pair[(equals + 1)..]);
        }

        return values;
    }

    /// <summary>The path and query with the values of presigned-URL secrets replaced.</summary>
    private static string Redact(string pathAndQuery)
    {
        int question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return pathAndQuery;
        }

        IEnumerable<string> parts = pathAndQuery[(question + 1)..].Split('&').Select(part =>
        {
            string name = WebUtility.UrlDecode(part.Split('=', 2)[0]);
            return SecretQueryParameters.Contains(name, StringComparer.OrdinalIgnoreCase) ? $"{name}=REDACTED" : part;
        });
        return $"{pathAndQuery[..(question + 1)]}{string.Join('&', parts)}";
    }

    /// <summary>A stable pseudo id of 16 capitals and digits for a name (IAM's unique ids, request ids).</summary>
    private static string StableId(string name) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];

    private static string NewRequestId() => Guid.NewGuid().ToString();

    [GeneratedRegex(@"Credential=(?<akid>[^/\s,]+)/(?<date>\d{8})/(?<region>[^/\s,]+)/(?<service>[^/\s,]+)/aws4_request", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialScope();

    /// <summary>The SigV4 credential scope of a request: who signed it, for which region and service.</summary>
    private sealed record SigningScope(string AccessKeyId, string Region, string Service);

    /// <summary>A request as read off the wire; only <see cref="RawPathAndQuery"/> (redacted) outlives it.</summary>
    private sealed record IncomingRequest(
        string Method,
        string RawPathAndQuery,
        string Path,
        IReadOnlyDictionary<string, string> Query,
        IReadOnlyDictionary<string, string> Headers,
        string Body)
    {
        /// <summary>The signer's scope, from the Authorization header or a presigned URL's <c>X-Amz-Credential</c>.</summary>
        public SigningScope? Scope { get; } = ParseScope(Headers, Query);

        public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

        /// <summary>The form fields of a form-encoded body.</summary>
        public IReadOnlyDictionary<string, string> Form =>
            Header("Content-Type") is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                ? ParseForm(Body)
                : new Dictionary<string, string>();

        /// <summary>A Query-protocol parameter, from the form body or else the query string.</summary>
        public string? Parameter(string name) =>
            Form.TryGetValue(name, out string? value) || Query.TryGetValue(name, out value) ? value : null;

        /// <summary>The Query-protocol action (STS, IAM) of a request to the root path, or null.</summary>
        public string? QueryAction() => Path == "/" && Parameter("Action") is { Length: > 0 } action ? action : null;

        private static SigningScope? ParseScope(IReadOnlyDictionary<string, string> headers, IReadOnlyDictionary<string, string> query)
        {
            string? credential = headers.TryGetValue("Authorization", out string? authorization)
                ? authorization
                : query.TryGetValue("X-Amz-Credential", out string? presigned) ? $"Credential={presigned}" : null;
            Match match = CredentialScope().Match(credential ?? "");
            return match.Success
                ? new SigningScope(match.Groups["akid"].Value, match.Groups["region"].Value, match.Groups["service"].Value)
                : null;
        }
    }

    /// <summary>An answer: status, body, headers, and what to record about the call.</summary>
    private sealed record FakeAwsResponse(
        string Service,
        string Operation,
        HttpStatusCode Status,
        string Body,
        string? ContentType,
        IReadOnlyList<(string Name, string Value)> Headers);
}

/// <summary>One request the fake answered, without headers or body (so without signatures or credentials).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query as sent (presigned-URL secrets redacted), e.g. <c>/bucket?encryption</c>.</param>
/// <param name="Service"><c>s3</c>, <c>kms</c>, <c>sts</c> or <c>iam</c>.</param>
/// <param name="Operation">The API operation, e.g. <c>s3:GetBucketEncryption</c>, <c>kms:DescribeKey</c>, <c>iam:GetPolicy</c>.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
public sealed record FakeAwsRequest(string Method, string PathAndQuery, string Service, string Operation, int StatusCode);
