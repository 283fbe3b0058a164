using System.Globalization;
using System.Xml.Linq;
using Amazon.Runtime;

namespace IcaKms.Core.Aws;

/// <summary>
/// Turns IAM's answers and transport errors into <see cref="AwsFailure"/>s worded for the admin. Never quotes a
/// request, a header or an AWS message verbatim where it could carry a credential: a SignatureDoesNotMatch message
/// echoes the canonical request, security token included.
/// </summary>
internal static class IamFailures
{
    private const int MaxQuotedMessage = 300;

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
    };

    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch", "IncompleteSignature",
        "MissingAuthenticationToken", "UnrecognizedClientException", "InvalidAccessKeyId",
    };

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
    };

    /// <summary>The failure for a non-2xx answer, from its <c>ErrorResponse</c> when there is one.</summary>
    /// <param name="call">The call that failed.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="root">The parsed body, or null when it was not XML.</param>
    public static AwsFailure FromErrorResponse(IamCall call, int statusCode, XElement? root)
    {
        // Error bodies are matched by local name: front-end errors do not always carry IAM's namespace.
        XElement? error = root?.Name.LocalName == "Error" ? root : root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Error");
        string? code = Child(error, "Code");
        string? awsMessage = Child(error, "Message");

        if (code is null)
        {
            return statusCode == 429
                ? Throttled(call, null)
                : new AwsFailure(
                    AwsFailureKind.Other,
                    call.Permission,
                    call.Resource,
                    null,
                    $"IAM answered {call.Permission} on {call.Resource} with HTTP {statusCode.ToString(CultureInfo.InvariantCulture)} and no AWS error: "
                    + "check the endpoint and try again.");
        }

        if (AccessDeniedCodes.Contains(code))
        {
            return new AwsFailure(
                AwsFailureKind.AccessDenied,
                call.Permission,
                call.Resource,
                code,
                $"The credentials may not call {call.Permission} on {call.Resource}: add {call.Permission} to your role's policy "
                + "(and check that no SCP or permissions boundary denies it).");
        }

        if (code == "NoSuchEntity")
        {
            return new AwsFailure(AwsFailureKind.NotFound, call.Permission, call.Resource, code, call.NotFoundMessage);
        }

        if (CredentialCodes.Contains(code))
        {
            return new AwsFailure(
                AwsFailureKind.InvalidCredentials,
                call.Permission,
                call.Resource,
                code,
                $"IAM rejected the credentials for {call.Permission} ({code}): they are wrong or expired; paste fresh credentials "
                + "or sign in again, and check the server clock.");
        }

        if (ThrottlingCodes.Contains(code))
        {
            return Throttled(call, code);
        }

        string said = Quote(awsMessage);
        return new AwsFailure(
            AwsFailureKind.Other,
            call.Permission,
            call.Resource,
            code,
            $"IAM refused {call.Permission} on {call.Resource} with {code}{(said.Length > 0 ? ": " + said : ".")}");
    }

    /// <summary>A 2xx answer that does not hold what the action returns.</summary>
    public static AwsFailure Unexpected(IamCall call, string what) => new(
        AwsFailureKind.Other,
        call.Permission,
        call.Resource,
        null,
        $"IAM answered {call.Permission} on {call.Resource} with {what}: check that the endpoint is IAM's.");

    /// <summary>The call hit the HTTP client's deadline.</summary>
    public static AwsFailure Timeout(IamCall call, TimeSpan timeout) => new(
        AwsFailureKind.Timeout,
        call.Permission,
        call.Resource,
        null,
        $"IAM did not answer {call.Permission} within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: "
        + "check the network and try again.");

    /// <summary>The endpoint could not be reached.</summary>
    public static AwsFailure Network(IamCall call, Uri endpoint, HttpRequestException exception) => new(
        AwsFailureKind.Network,
        call.Permission,
        call.Resource,
        null,
        $"Could not reach IAM at {endpoint.GetLeftPart(UriPartial.Authority)} for {call.Permission}: {Quote(exception.Message)} "
        + "Check the network, proxy and endpoint.");

    /// <summary>The signer could not get usable credentials (e.g. an expired SSO session).</summary>
    public static AwsFailure UnusableCredentials(IamCall call, Exception exception) => new(
        AwsFailureKind.InvalidCredentials,
        call.Permission,
        call.Resource,
        null,
        $"The credentials could not be used to sign {call.Permission} ({exception.GetType().Name}): paste fresh credentials or sign in again.");

    private static AwsFailure Throttled(IamCall call, string? code) => new(
        AwsFailureKind.Throttled,
        call.Permission,
        call.Resource,
        code,
        $"IAM throttled {call.Permission}: wait a moment and try again.");

    private static string? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The first line of a message, capped: AWS messages can append request dumps on later lines.</summary>
    private static string Quote(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "";
        }

        string firstLine = message.Trim().Split('\n', 2)[0].Trim();
        return firstLine.Length <= MaxQuotedMessage ? firstLine : firstLine[..MaxQuotedMessage] + "…";
    }
}
