using System.Net.Sockets;
using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// Turns what the AWS SDK throws into an <see cref="AwsFailure"/> whose message names the action, the resource and
/// the fix. Messages are built from the call's own names and AWS's error code; AWS's own text is quoted only for
/// errors we have no wording for, on one line, bounded and through <see cref="CredentialRedaction"/> (some errors echo
/// the request's Authorization header or canonical request). An answer that is not AWS's (a proxy's web page, an empty
/// or unreadable body) is said to be so, without its markup or the SDK's wrapper text. The code's kind is
/// <see cref="AwsErrorCodes"/>'s, the wording <see cref="AwsFailureMessages"/>'s, the answers that are not AWS's
/// <see cref="NotAwsAnswers"/>'.
/// </summary>
internal static class AwsErrors
{
    /// <summary>
    /// False for the caller's own cancellation, which must propagate; true for everything else (a deadline that
    /// expired is a <see cref="AwsFailureKind.Timeout"/>, not a cancellation).
    /// </summary>
    public static bool IsMappable(Exception exception, CancellationToken callerToken) =>
        !(exception is OperationCanceledException && callerToken.IsCancellationRequested);

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

        string detail = AwsFailureMessages.Detail(exception.Message);
        return new AwsFailure(AwsFailureKind.Other, call.Action, call.Resource, null,
            $"{call.Operation}{AwsFailureMessages.For(call)} failed ({exception.GetType().Name}){(detail.Length > 0 ? ": " + detail : ".")}");
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
            $"{call.Operation}{AwsFailureMessages.For(call)} got no answer{within}: check the network, the proxy or the endpoint URL.");
    }

    /// <summary>The not-found failure of a call, for when the SDK hid AWS's error (see S3Gateway.GetDefaultEncryptionAsync).</summary>
    public static AwsFailure NotFound(AwsCall call, string? errorCode) =>
        new(AwsFailureKind.NotFound, call.Action, call.Resource, errorCode, AwsFailureMessages.NotFoundMessage(call));

    private static AwsFailure FromServiceError(AmazonServiceException error, AwsCall call)
    {
        string? code = AwsErrorCodes.AwsErrorCode(error);
        if (code is null && NotAwsAnswers.NotAnAwsAnswer(error, call) is { } notAws)
        {
            return notAws;
        }

        AwsFailureKind kind = AwsErrorCodes.Classify(code, error.StatusCode);
        string shownCode = code ?? $"HTTP {(int)error.StatusCode}";
        string message = kind switch
        {
            AwsFailureKind.AccessDenied => AwsFailureMessages.AccessDeniedMessage(call),
            AwsFailureKind.NotFound => AwsFailureMessages.NotFoundMessage(call),
            AwsFailureKind.InvalidCredentials =>
                $"Your credentials have expired or are invalid ({shownCode}): paste fresh temporary credentials.",
            AwsFailureKind.Throttled =>
                $"AWS throttled {call.Operation}{AwsFailureMessages.For(call)} ({shownCode}): wait a minute and try again.",
            _ => AwsFailureMessages.OtherMessage(error, call, shownCode),
        };
        return new AwsFailure(kind, call.Action, call.Resource, code, message);
    }

    private static AwsFailure Network(AwsCall call, string reason) =>
        new(AwsFailureKind.Network, call.Action, call.Resource, null,
            $"Could not reach AWS for {call.Operation}{AwsFailureMessages.For(call)} ({reason}): check the network, the proxy or the endpoint URL.");

    /// <summary>The first exception of type <typeparamref name="T"/> in the chain of inner exceptions, or null.</summary>
    internal static T? Find<T>(Exception exception)
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
