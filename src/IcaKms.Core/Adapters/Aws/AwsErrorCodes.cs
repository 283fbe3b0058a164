using System.Net;
using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// AWS's error codes sorted into the kinds of failure a person acts on differently (denied, not found, bad
/// credentials, throttled), with the HTTP status deciding when there is no code.
/// </summary>
internal static class AwsErrorCodes
{
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

    /// <summary>True for AWS error codes that mean the credentials or the signature were rejected.</summary>
    public static bool IsCredentialError(string? code) => code is not null && InvalidCredentialsCodes.Contains(code);

    internal static AwsFailureKind Classify(string? code, HttpStatusCode status)
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

    /// <summary>
    /// AWS's error code, or null when there was none: the S3 client names a body it could not parse after the HTTP
    /// status (<c>BadGateway</c>, "Error making request with Error Code BadGateway…"), which is no AWS code.
    /// </summary>
    internal static string? AwsErrorCode(AmazonServiceException error)
    {
        if (string.IsNullOrEmpty(error.ErrorCode))
        {
            return null;
        }

        bool statusName = error.StatusCode != 0 && string.Equals(error.ErrorCode, error.StatusCode.ToString(), StringComparison.Ordinal);
        return statusName && error.Message.StartsWith("Error making request with Error Code", StringComparison.Ordinal) ? null : error.ErrorCode;
    }
}
