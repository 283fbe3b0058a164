using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// Error answers with no AWS error in them: a web page (a proxy's or a captive portal's), an empty body, or text that
/// is not the service's protocol. Said to be so, without their markup or the SDK's wrapper text.
/// </summary>
internal static class NotAwsAnswers
{
    private const int MaxBodySnippet = 200;

    /// <summary>What the SDK puts before a body it could not parse (JSON and Query protocols).</summary>
    private const string SdkBodyPrefix = "The service returned an error with HTTP Body:";

    /// <summary>
    /// The failure for an error answer without an AWS error in it: a web page (a proxy's or a captive portal's), an
    /// empty body, or text that is not the service's protocol. Null for an empty 403, 404 or 429 (S3 HEAD answers
    /// have no body), which the status classifies.
    /// </summary>
    internal static AwsFailure? NotAnAwsAnswer(AmazonServiceException error, AwsCall call)
    {
        IWebResponseData? response = AwsErrors.Find<HttpErrorResponseException>(error)?.Response;
        string contentType = (response?.ContentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
        string? body = error is AmazonUnmarshallingException unreadable && !string.IsNullOrWhiteSpace(unreadable.ResponseBody)
            ? unreadable.ResponseBody.Trim()
            : BodyFromMessage(error.Message);
        string status = $"HTTP {((int)error.StatusCode).ToString(CultureInfo.InvariantCulture)}";
        string start = $"{call.Operation}{AwsFailureMessages.For(call)} failed: the endpoint answered {status}";

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
}
