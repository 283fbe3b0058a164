namespace IcaKms.Core.Ica;

/// <summary>What kind of thing went wrong in an ICA call, so the wizard can word the fix.</summary>
public enum IcaFailureKind
{
    /// <summary>401: ICA did not accept the API key.</summary>
    InvalidKey,

    /// <summary>403: the key's user may not do this.</summary>
    Forbidden,

    /// <summary>404: the thing asked for does not exist (or the key's user cannot see it).</summary>
    NotFound,

    /// <summary>409: the change conflicts with what is in ICA (for example a name already taken).</summary>
    Conflict,

    /// <summary>400 or 422: ICA refused the request's content.</summary>
    Refused,

    /// <summary>5xx: ICA failed; trying again later may work.</summary>
    ServerError,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>ICA could not be reached (DNS, connection refused, TLS).</summary>
    Network,

    /// <summary>The address answered, but not as ICA's API does (a web page, a login page, another API).</summary>
    NotIca,

    /// <summary>Too many recent calls to ICA failed, so IcaKms pauses them for a short while.</summary>
    Unavailable,
}

/// <summary>A failed ICA call, as a sentence a person can act on. Never carries the API key or a secret.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Operation">What IcaKms asked, e.g. <c>GET /api/regions</c>.</param>
/// <param name="Message">What went wrong and what to do.</param>
/// <param name="Status">The HTTP status, when ICA answered.</param>
/// <param name="AnswerLost">
/// True when the request may have reached ICA and been carried out although no answer says so (a timeout, a connection
/// lost after sending, a 5xx): for a write, only reading ICA again tells whether it happened.
/// </param>
public sealed record IcaFailure(IcaFailureKind Kind, string Operation, string Message, int? Status = null, bool AnswerLost = false);
