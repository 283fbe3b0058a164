using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace IcaKms.Core.Aws;

/// <summary>
/// Turns what the AWS SDK throws into an <see cref="AwsFailure"/> whose message names the action, the resource and
/// the fix. Messages are built from the call's own names and AWS's error code; never from the request (which
/// carries the signature) or the credentials.
/// </summary>
internal static class AwsErrors
{
    private const int MaxDetailLength = 300;

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AllAccessDisabled",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "NoSuchBucket", "NotFoundException", "NoSuchEntity", "NotFound",
    };

    private static readonly HashSet<string> InvalidCredentialsCodes = new(StringComparer.Ordinal)
    {
        "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch", "InvalidAccessKeyId",
        "UnrecognizedClientException", "InvalidToken",
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

    /// <summary>The failure for an exception thrown by the call.</summary>
    public static AwsFailure ToFailure(Exception exception, AwsCall call)
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
            return new AwsFailure(AwsFailureKind.Timeout, call.Action, call.Resource, null,
                $"{call.Operation}{For(call)} timed out: check the network connection or the endpoint URL, then try again.");
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

        return new AwsFailure(AwsFailureKind.Other, call.Action, call.Resource, null,
            $"{call.Operation}{For(call)} failed ({exception.GetType().Name}): {Detail(exception.Message)}");
    }

    /// <summary>The not-found failure of a call, for when the SDK hid AWS's error (see S3Gateway.GetDefaultEncryptionAsync).</summary>
    public static AwsFailure NotFound(AwsCall call, string? errorCode) =>
        new(AwsFailureKind.NotFound, call.Action, call.Resource, errorCode, NotFoundMessage(call));

    private static AwsFailure FromServiceError(AmazonServiceException error, AwsCall call)
    {
        string? code = string.IsNullOrEmpty(error.ErrorCode) ? null : error.ErrorCode;
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
            "s3" => $"The bucket {resource} does not exist ({call.Operation}): check the name and the region.",
            "kms" => $"The KMS key {resource} does not exist{region} ({call.Operation}): check the key ARN or alias and the region.",
            "iam" => $"The IAM entity {resource} does not exist ({call.Operation}): check the name or ARN.",
            _ => $"{resource} was not found ({call.Operation}).",
        };
    }

    private static string OtherMessage(AmazonServiceException error, AwsCall call, string shownCode)
    {
        string status = error.StatusCode == 0 ? "" : $", HTTP {(int)error.StatusCode}";
        string detail = string.IsNullOrWhiteSpace(error.Message) ? "" : $": {Detail(error.Message)}";
        return $"{call.Operation}{For(call)} failed ({shownCode}{status}){detail}";
    }

    private static AwsFailure Network(AwsCall call, string reason) =>
        new(AwsFailureKind.Network, call.Action, call.Resource, null,
            $"Could not reach AWS for {call.Operation}{For(call)} ({reason}): check the network, the proxy or the endpoint URL.");

    private static string For(AwsCall call) => call.Resource is null ? "" : $" for {call.Resource}";

    private static string Service(string action) => action.Split(':', 2)[0];

    private static bool SameName(string operation, string action) => string.Equals(operation, action, StringComparison.Ordinal);

    /// <summary>AWS's own message on one line and bounded: it helps with the rare errors we have no wording for.</summary>
    private static string Detail(string message)
    {
        string line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
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
