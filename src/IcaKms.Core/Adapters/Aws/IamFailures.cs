using System.Globalization;
using System.Xml.Linq;
using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// Turns IAM's answers and transport errors into <see cref="AwsFailure"/>s worded for the admin. Never quotes a
/// request, a header or an AWS message verbatim where it could carry a credential: a SignatureDoesNotMatch message
/// echoes the canonical request, security token included; what is quoted goes through <see cref="CredentialRedaction"/>.
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
    /// <param name="mediaType">The answer's media type, if any (a <c>text/html</c> page is a proxy's, not IAM's).</param>
    /// <param name="body">The answer's text, quoted (redacted and short) when it is neither IAM's nor a web page.</param>
    public static AwsFailure FromErrorResponse(IamCall call, int statusCode, XElement? root, string? mediaType = null, string? body = null)
    {
        // Error bodies are matched by local name: front-end errors do not always carry IAM's namespace.
        XElement? error = root?.Name.LocalName == "Error" ? root : root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Error");
        string? code = Child(error, "Code");
        string? awsMessage = Child(error, "Message");

        if (code is null)
        {
            return NotAnIamError(call, statusCode, root, mediaType, body);
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
        string iamSaid = said.Length > 0 ? $" IAM said: \u201c{said}\u201d" : "";
        switch (code)
        {
            case "EntityAlreadyExists":
                return new AwsFailure(AwsFailureKind.AlreadyExists, call.Permission, call.Resource, code,
                    (call.AlreadyExistsMessage ?? $"{call.Resource} already exists, so {call.Permission} created nothing: use the existing one, or choose another name.") + iamSaid);
            case "LimitExceeded":
                return new AwsFailure(AwsFailureKind.LimitExceeded, call.Permission, call.Resource, code,
                    (call.LimitMessage ?? $"IAM refused {call.Permission} on {call.Resource}: an IAM quota was reached.") + iamSaid);
            case "MalformedPolicyDocument":
                return new AwsFailure(AwsFailureKind.InvalidDocument, call.Permission, call.Resource, code,
                    $"IAM refused the policy document of {call.Permission} for {call.Resource} as malformed: correct the document "
                    + "(the wizard's policy check shows what is wrong with it) and try again." + iamSaid);
            case "DeleteConflict":
                return new AwsFailure(AwsFailureKind.Conflict, call.Permission, call.Resource, code,
                    (call.ConflictMessage ?? $"IAM refused {call.Permission} on {call.Resource}: something still depends on it.") + iamSaid);
        }

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

    /// <summary>A policy document over IAM's size limit, refused before anything was sent.</summary>
    /// <param name="call">The write that was not sent.</param>
    /// <param name="characters">The document's characters as IAM counts them (whitespace outside strings not counted).</param>
    /// <param name="limit">IAM's limit.</param>
    public static AwsFailure DocumentTooLarge(IamCall call, int characters, int limit) => new(
        AwsFailureKind.InvalidDocument,
        call.Permission,
        call.Resource,
        null,
        string.Create(CultureInfo.InvariantCulture,
            $"The policy document for {call.Resource} has {characters:N0} characters not counting whitespace, over IAM's limit of {limit:N0} "
            + $"for a managed policy, so {call.Permission} was not sent: remove actions or resources, or split the policy in two."));

    /// <summary>Every attempt of the call hit the HTTP client's deadline.</summary>
    public static AwsFailure Timeout(IamCall call, TimeSpan timeout, int attempts) => new(
        AwsFailureKind.Timeout,
        call.Permission,
        call.Resource,
        null,
        $"{call.Permission} for {call.Resource} got no answer within {CallBudget.Seconds(timeout)} s ({CallBudget.Tried(attempts)}): "
        + "check the network, the proxy or the endpoint URL." + MayHaveHappened(call));

    /// <summary>The endpoint could not be reached.</summary>
    public static AwsFailure Network(IamCall call, Uri endpoint, HttpRequestException exception) => new(
        AwsFailureKind.Network,
        call.Permission,
        call.Resource,
        null,
        $"Could not reach IAM at {endpoint.GetLeftPart(UriPartial.Authority)} for {call.Permission}: {Quote(exception.Message)} "
        + "Check the network, proxy and endpoint." + MayHaveHappened(call));

    /// <summary>The signer could not get usable credentials (e.g. an expired SSO session).</summary>
    public static AwsFailure UnusableCredentials(IamCall call, Exception exception) => new(
        AwsFailureKind.InvalidCredentials,
        call.Permission,
        call.Resource,
        null,
        $"The credentials could not be used to sign {call.Permission} ({exception.GetType().Name}): paste fresh credentials or sign in again.");

    /// <summary>For a write that got no answer: it was sent once and not again, and IAM may still have applied it.</summary>
    private static string MayHaveHappened(IamCall call) => call.IsRead
        ? ""
        : $" The change was sent once and not retried: IAM may still have applied it, so inspect again before you repeat {call.Permission}.";

    private static AwsFailure Throttled(IamCall call, string? code) => new(
        AwsFailureKind.Throttled,
        call.Permission,
        call.Resource,
        code,
        $"IAM throttled {call.Permission}: wait a moment and try again.");

    /// <summary>
    /// An error answer without an IAM error in it: a web page (a proxy's), an empty body, or text that is not IAM's.
    /// Never quotes markup.
    /// </summary>
    private static AwsFailure NotAnIamError(IamCall call, int statusCode, XElement? root, string? mediaType, string? body)
    {
        string start = $"{call.Permission} for {call.Resource} failed: the endpoint answered HTTP {statusCode.ToString(CultureInfo.InvariantCulture)}";
        string text = body?.Trim() ?? "";
        bool webPage = text.Length > 0 && ((mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
            || root?.Name.LocalName.Equals("html", StringComparison.OrdinalIgnoreCase) == true
            || text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase));
        if (statusCode == 429)
        {
            return Throttled(call, null);
        }

        if (webPage)
        {
            return new AwsFailure(AwsFailureKind.Network, call.Permission, call.Resource, null,
                $"{start} with a web page, not an AWS response: check the endpoint URL or the proxy.");
        }

        if (text.Length == 0)
        {
            return new AwsFailure(AwsFailureKind.Other, call.Permission, call.Resource, null,
                $"{start} with no error details: try again; if it keeps failing, check the endpoint URL or the proxy.");
        }

        // XML without an IAM error (another service's document) is not quoted: it is markup.
        string said = root is null ? Quote(text) : "";
        return new AwsFailure(AwsFailureKind.Network, call.Permission, call.Resource, null,
            $"{start} with something that is not an AWS response{(said.Length > 0 ? $" (\u201c{said}\u201d)" : "")}: check the endpoint URL or the proxy.");
    }

    private static string? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The first line of a message, capped: AWS messages can append request dumps on later lines.</summary>
    private static string Quote(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "";
        }

        string firstLine = CredentialRedaction.Redact(message.Trim().Split('\n', 2)[0]).Trim();
        return firstLine.Length <= MaxQuotedMessage ? firstLine : firstLine[..MaxQuotedMessage] + "…";
    }
}
