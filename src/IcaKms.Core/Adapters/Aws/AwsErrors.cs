using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// Turns what the AWS SDK throws into an <see cref="AwsFailure"/> whose message names the action, the resource and
/// the fix. Messages are built from the call's own names and AWS's error code; AWS's own text is quoted only for
/// errors we have no wording for, on one line, bounded and through <see cref="CredentialRedaction"/> (some errors echo
/// the request's Authorization header or canonical request). An answer that is not AWS's (a proxy's web page, an empty
/// or unreadable body) is said to be so, without its markup or the SDK's wrapper text.
/// </summary>
internal static class AwsErrors
{
    private const int MaxDetailLength = 300;
    private const int MaxBodySnippet = 200;

    /// <summary>What the SDK puts before a body it could not parse (JSON and Query protocols).</summary>
    private const string SdkBodyPrefix = "The service returned an error with HTTP Body:";

    /// <summary>The SDK's wrapper texts, which tell the admin nothing.</summary>
    private static readonly string[] SdkWrapperTexts =
    [
        "See inner exception for details",
        "No further error information was returned by the service",
        "Exception of type 'Amazon.",
    ];

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AllAccessDisabled",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "NoSuchBucket", "NotFoundException", "NoSuchEntity", "NotFound", "NoSuchKey", "NoSuchVersion",
    };

    private static readonly HashSet<string> InvalidCredentialsCodes = new(StringComparer.Ordinal)
    {
        "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch", "InvalidAccessKeyId",
        "UnrecognizedClientException", "InvalidToken",

        // These quote the request back (Authorization header, canonical request): our wording, never AWS's text.
        "IncompleteSignature", "IncompleteSignatureException", "InvalidSignatureException",
        "MissingAuthenticationToken", "MissingAuthenticationTokenException",
    };

    private static readonly HashSet<string> ThrottledCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "SlowDown", "TooManyRequestsException", "RequestLimitExceeded",
    };

    /// <summary>
    /// False for the caller's own cancellation, which must propagate; true for everything else (a deadline that
    /// expired is a <see cref="AwsFailureKind.Timeout"/>, not a cancellation).
    /// </summary>
    public static bool IsMappable(Exception exception, CancellationToken callerToken) =>
        !(exception is OperationCanceledException && callerToken.IsCancellationRequested);

    /// <summary>True for AWS error codes that mean the credentials or the signature were rejected.</summary>
    public static bool IsCredentialError(string? code) => code is not null && InvalidCredentialsCodes.Contains(code);

    /// <summary>The failure for an exception thrown by the call.</summary>
    /// <param name="exception">What the SDK threw.</param>
    /// <param name="call">The call.</param>
    /// <param name="deadlinePassed">True when the call's own deadline (<see cref="CallBudget.Deadline"/>) ended it.</param>
    public static AwsFailure ToFailure(Exception exception, AwsCall call, bool deadlinePassed = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(call);

        // AWS answered with an error: its code decides. A service exception without code or status is the SDK
        // wrapping a transport failure, so it falls through to the timeout and network checks.
        if (exception is AmazonServiceException service && (service.ErrorCode is { Length: > 0 } || service.StatusCode != 0))
        {
            return FromServiceError(service, call);
        }

        if (Find<TimeoutException>(exception) is not null || Find<OperationCanceledException>(exception) is not null)
        {
            return Timeout(call, deadlinePassed);
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return Network(call, socket.SocketErrorCode.ToString());
        }

        if (Find<HttpRequestException>(exception) is { } http)
        {
            return Network(call, http.HttpRequestError.ToString());
        }

        if (Find<AmazonServiceException>(exception) is { } inner && (inner.ErrorCode is { Length: > 0 } || inner.StatusCode != 0))
        {
            return FromServiceError(inner, call);
        }

        string detail = Detail(exception.Message);
        return new AwsFailure(AwsFailureKind.Other, call.Action, call.Resource, null,
            $"{call.Operation}{For(call)} failed ({exception.GetType().Name}){(detail.Length > 0 ? ": " + detail : ".")}");
    }

    /// <summary>
    /// The call got no answer in time: each of its attempts hit the per-attempt timeout, or the whole call hit its
    /// deadline (an answer that started but never finished).
    /// </summary>
    public static AwsFailure Timeout(AwsCall call, bool deadlinePassed)
    {
        ArgumentNullException.ThrowIfNull(call);
        string within = call.Budget switch
        {
            null => " in time",
            { } budget when deadlinePassed => $" within {CallBudget.Seconds(budget.Deadline)} s",
            { } budget => $" within {CallBudget.Seconds(budget.PerAttempt)} s ({CallBudget.Tried(budget.Attempts)})",
        };
        return new AwsFailure(AwsFailureKind.Timeout, call.Action, call.Resource, null,
            $"{call.Operation}{For(call)} got no answer{within}: check the network, the proxy or the endpoint URL.");
    }

    /// <summary>The not-found failure of a call, for when the SDK hid AWS's error (see S3Gateway.GetDefaultEncryptionAsync).</summary>
    public static AwsFailure NotFound(AwsCall call, string? errorCode) =>
        new(AwsFailureKind.NotFound, call.Action, call.Resource, errorCode, NotFoundMessage(call));

    private static AwsFailure FromServiceError(AmazonServiceException error, AwsCall call)
    {
        string? code = AwsErrorCode(error);
        if (code is null && NotAnAwsAnswer(error, call) is { } notAws)
        {
            return notAws;
        }

        AwsFailureKind kind = Classify(code, error.StatusCode);
        string shownCode = code ?? $"HTTP {(int)error.StatusCode}";
        string message = kind switch
        {
            AwsFailureKind.AccessDenied => AccessDeniedMessage(call),
            AwsFailureKind.NotFound => NotFoundMessage(call),
            AwsFailureKind.InvalidCredentials =>
                $"Your credentials have expired or are invalid ({shownCode}): paste fresh temporary credentials.",
            AwsFailureKind.Throttled =>
                $"AWS throttled {call.Operation}{For(call)} ({shownCode}): wait a minute and try again.",
            _ => OtherMessage(error, call, shownCode),
        };
        return new AwsFailure(kind, call.Action, call.Resource, code, message);
    }

    private static AwsFailureKind Classify(string? code, HttpStatusCode status)
    {
        if (code is not null)
        {
            if (InvalidCredentialsCodes.Contains(code))
            {
                return AwsFailureKind.InvalidCredentials;
            }

            if (AccessDeniedCodes.Contains(code))
            {
                return AwsFailureKind.AccessDenied;
            }

            if (NotFoundCodes.Contains(code))
            {
                return AwsFailureKind.NotFound;
            }

            if (ThrottledCodes.Contains(code))
            {
                return AwsFailureKind.Throttled;
            }
        }

        return status switch
        {
            HttpStatusCode.Forbidden => AwsFailureKind.AccessDenied,
            HttpStatusCode.NotFound => AwsFailureKind.NotFound,
            HttpStatusCode.TooManyRequests => AwsFailureKind.Throttled,
            _ => AwsFailureKind.Other,
        };
    }

    private static string AccessDeniedMessage(AwsCall call)
    {
        string operation = SameName(call.Operation, call.Action) ? "" : $" ({call.Operation})";
        string hint = Service(call.Action) switch
        {
            "kms" => " (and check the key policy allows your account)",
            "s3" => " (and check the bucket policy does not deny it)",
            _ => "",
        };
        return $"AccessDenied on {call.Action}{For(call)}{operation}: add {call.Action} to your role's policy{hint}.";
    }

    private static string NotFoundMessage(AwsCall call)
    {
        string resource = call.Resource ?? "The resource";
        string region = call.Region is null ? "" : $" in {call.Region}";
        return Service(call.Action) switch
        {
            "s3" when call.Resource?.Contains('/', StringComparison.Ordinal) == true =>
                $"The object {resource} does not exist, or its bucket does not ({call.Operation}): check the bucket, the key and the region.",
            "s3" => $"The bucket {resource} does not exist ({call.Operation}): check the name and the region.",
            "kms" => $"The KMS key {resource} does not exist{region} ({call.Operation}): check the key ARN or alias and the region.",
            "iam" => $"The IAM entity {resource} does not exist ({call.Operation}): check the name or ARN.",
            _ => $"{resource} was not found ({call.Operation}).",
        };
    }

    private static string OtherMessage(AmazonServiceException error, AwsCall call, string shownCode)
    {
        string status = error.StatusCode == 0 || shownCode.StartsWith("HTTP ", StringComparison.Ordinal) ? "" : $", HTTP {(int)error.StatusCode}";
        string detail = Detail(error.Message);
        return $"{call.Operation}{For(call)} failed ({shownCode}{status}){(detail.Length > 0 ? ": " + detail : ".")}";
    }

    /// <summary>
    /// AWS's error code, or null when there was none: the S3 client names a body it could not parse after the HTTP
    /// status (<c>BadGateway</c>, "Error making request with Error Code BadGateway…"), which is no AWS code.
    /// </summary>
    private static string? AwsErrorCode(AmazonServiceException error)
    {
        if (string.IsNullOrEmpty(error.ErrorCode))
        {
            return null;
        }

        bool statusName = error.StatusCode != 0 && string.Equals(error.ErrorCode, error.StatusCode.ToString(), StringComparison.Ordinal);
        return statusName && error.Message.StartsWith("Error making request with Error Code", StringComparison.Ordinal) ? null : error.ErrorCode;
    }

    /// <summary>
    /// The failure for an error answer without an AWS error in it: a web page (a proxy's or a captive portal's), an
    /// empty body, or text that is not the service's protocol. Null for an empty 403, 404 or 429 (S3 HEAD answers
    /// have no body), which the status classifies.
    /// </summary>
    private static AwsFailure? NotAnAwsAnswer(AmazonServiceException error, AwsCall call)
    {
        IWebResponseData? response = Find<HttpErrorResponseException>(error)?.Response;
        string contentType = (response?.ContentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
        string? body = error is AmazonUnmarshallingException unreadable && !string.IsNullOrWhiteSpace(unreadable.ResponseBody)
            ? unreadable.ResponseBody.Trim()
            : BodyFromMessage(error.Message);
        string status = $"HTTP {((int)error.StatusCode).ToString(CultureInfo.InvariantCulture)}";
        string start = $"{call.Operation}{For(call)} failed: the endpoint answered {status}";

        bool empty = string.IsNullOrWhiteSpace(body) && (response is null || response.ContentLength <= 0);
        bool webPage = !empty && (contentType.Contains("html", StringComparison.Ordinal)
            || (body is not null && (body.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || body.StartsWith("<html", StringComparison.OrdinalIgnoreCase))));
        if (webPage)
        {
            return new AwsFailure(AwsFailureKind.Network, call.Action, call.Resource, null,
                $"{start} with a web page, not an AWS response: check the endpoint URL or the proxy.");
        }

        if (error.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        // A 2xx answer gets here only when the SDK could not read it (AmazonUnmarshallingException): not AWS's.
        if (empty && (int)error.StatusCode is < 200 or > 299)
        {
            return new AwsFailure(AwsFailureKind.Other, call.Action, call.Resource, null,
                $"{start} with no error details: try again; if it keeps failing, check the endpoint URL or the proxy.");
        }

        string snippet = body is null ? "" : Snippet(body);
        string said = snippet.Length == 0 ? "" : $" (\u201c{snippet}\u201d)";
        return new AwsFailure(AwsFailureKind.Network, call.Action, call.Resource, null,
            $"{start} with something that is not an AWS response{said}: check the endpoint URL or the proxy.");
    }

    /// <summary>The body the SDK quoted in its message when it could not parse it; null when it quoted none.</summary>
    private static string? BodyFromMessage(string? message)
    {
        if (message is null)
        {
            return null;
        }

        int at = message.IndexOf(SdkBodyPrefix, StringComparison.Ordinal);
        return at < 0 ? null : message[(at + SdkBodyPrefix.Length)..].Trim();
    }

    /// <summary>The start of a body on one line, redacted and short.</summary>
    private static string Snippet(string body)
    {
        string line = string.Join(' ', CredentialRedaction.Redact(body).Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= MaxBodySnippet ? line : string.Concat(line.AsSpan(0, MaxBodySnippet), "\u2026");
    }

    private static AwsFailure Network(AwsCall call, string reason) =>
        new(AwsFailureKind.Network, call.Action, call.Resource, null,
            $"Could not reach AWS for {call.Operation}{For(call)} ({reason}): check the network, the proxy or the endpoint URL.");

    private static string For(AwsCall call) => call.Resource is null ? "" : $" for {call.Resource}";

    private static string Service(string action) => action.Split(':', 2)[0];

    private static bool SameName(string operation, string action) => string.Equals(operation, action, StringComparison.Ordinal);

    /// <summary>
    /// AWS's own message on one line, redacted and bounded: it helps with the rare errors we have no wording for.
    /// Empty for the SDK's wrapper texts ("See inner exception for details").
    /// </summary>
    private static string Detail(string? message)
    {
        if (string.IsNullOrWhiteSpace(message) || SdkWrapperTexts.Any(text => message.Contains(text, StringComparison.Ordinal)))
        {
            return "";
        }

        string line = string.Join(' ', CredentialRedaction.Redact(message).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= MaxDetailLength ? line : string.Concat(line.AsSpan(0, MaxDetailLength), "…");
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
