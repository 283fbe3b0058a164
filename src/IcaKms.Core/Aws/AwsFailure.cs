namespace IcaKms.Core.Aws;

/// <summary>What kind of thing went wrong in an AWS call, so checks can word the fix.</summary>
public enum AwsFailureKind
{
    /// <summary>The caller lacks a permission (AccessDenied, AccessDeniedException, UnauthorizedOperation).</summary>
    AccessDenied,

    /// <summary>The resource does not exist (NoSuchBucket, NotFoundException, NoSuchEntity, 404).</summary>
    NotFound,

    /// <summary>The credentials are invalid or expired (InvalidClientTokenId, ExpiredToken, SignatureDoesNotMatch).</summary>
    InvalidCredentials,

    /// <summary>AWS throttled the call (Throttling, SlowDown, TooManyRequests).</summary>
    Throttled,

    /// <summary>The call timed out or was cancelled by its deadline.</summary>
    Timeout,

    /// <summary>The endpoint could not be reached (DNS, connection refused, TLS).</summary>
    Network,

    /// <summary>Anything else AWS answered with.</summary>
    Other,

    /// <summary>A create call found the resource already there (IAM EntityAlreadyExists).</summary>
    AlreadyExists,

    /// <summary>A quota was reached (IAM LimitExceeded, e.g. a managed policy's five versions or its size).</summary>
    LimitExceeded,

    /// <summary>The policy document was refused, by AWS (IAM MalformedPolicyDocument) or before sending (over IAM's size limit).</summary>
    InvalidDocument,

    /// <summary>The change conflicts with the resource's state (IAM DeleteConflict, e.g. deleting a policy's default version).</summary>
    Conflict,

    /// <summary>
    /// IcaKms refused to send the call because its input would be unsafe or wrong (e.g. an alias where KMS needs a key
    /// ARN); nothing was sent to AWS and <see cref="AwsFailure.ErrorCode"/> is null.
    /// </summary>
    Refused,
}

/// <summary>
/// A failed AWS call, turned into something a person can act on: which permission or resource, and what to do.
/// Never carries credentials.
/// </summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Action">The IAM action of the call, e.g. <c>kms:DescribeKey</c>.</param>
/// <param name="Resource">The bucket, key or policy the call was about, if any.</param>
/// <param name="ErrorCode">AWS's error code, e.g. <c>AccessDenied</c>, if AWS answered.</param>
/// <param name="Message">One sentence for the admin: what failed and how to fix it.</param>
public sealed record AwsFailure(AwsFailureKind Kind, string Action, string? Resource, string? ErrorCode, string Message);
