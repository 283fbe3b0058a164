using System.Net.Sockets;
using System.Text.Json;
using IcaKms.Core.Ica;

namespace IcaKms.Core.Adapters.Ica;

/// <summary>Turns ICA's answers and transport errors into <see cref="IcaFailure"/>s a person can act on.</summary>
public static class IcaErrors
{
    /// <summary>The most characters of ICA's problem text a message quotes.</summary>
    public const int MaxQuoted = 300;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True for a JSON media type (<c>application/json</c>, <c>…+json</c>).</summary>
    public static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
            mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The failure for a non-2xx answer; <paramref name="subject"/> names what the call was about.</summary>
    public static IcaFailure FromAnswer(string operation, string subject, int status, string? mediaType, string body, Uri? baseAddress)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!IsJson(mediaType))
        {
            // A proxy, a login page or another web server: ICA always answers its errors as problem+json.
            return status >= 500
                ? new IcaFailure(IcaFailureKind.ServerError, operation,
                    $"{operation} failed with HTTP {status} and a web page instead of ICA's answer (a proxy or gateway between IcaKms and ICA?): try again in a minute.", status, AnswerLost: true)
                : NotIca(operation, baseAddress, mediaType, status);
        }

        IcaProblem? problem = Problem(body);
        string said = Said(problem);
        return status switch
        {
            401 => new IcaFailure(IcaFailureKind.InvalidKey, operation,
                $"ICA did not accept the API key (HTTP 401){said}: copy the whole key again from ICA (your user menu → Manage API keys), or create a new one.", status),
            403 => new IcaFailure(IcaFailureKind.Forbidden, operation,
                $"ICA refused {operation}: the API key's user may not work with {subject} (HTTP 403){said}. Use a key of a user with the tenant administrator role, or one that owns {subject}.", status),
            404 => new IcaFailure(IcaFailureKind.NotFound, operation,
                $"ICA has no {subject}, or the key's user cannot see it (HTTP 404){said}: refresh the lists and plan again.", status),
            409 => new IcaFailure(IcaFailureKind.Conflict, operation,
                $"ICA refused {operation} because it conflicts with {subject} as it is in ICA now (HTTP 409){said}: refresh the lists; the name may be taken already.", status),
            400 when problem?.Title == "ICA_API_004" => new IcaFailure(IcaFailureKind.NotIca, operation,
                $"ICA refused the request's Accept header (ICA_API_004){said}: a proxy may have rewritten it; IcaKms sends {IcaApi.MediaType}.", status),
            400 or 422 => new IcaFailure(IcaFailureKind.Refused, operation,
                $"ICA refused {operation} (HTTP {status}){said}: correct the value it names and plan again.", status),
            429 => new IcaFailure(IcaFailureKind.ServerError, operation,
                $"ICA is limiting the rate of calls (HTTP 429){said}: wait a minute and try again.", status),
            >= 500 => new IcaFailure(IcaFailureKind.ServerError, operation,
                $"ICA failed to answer {operation} (HTTP {status}){said}: this is on ICA's side; try again in a few minutes.", status, AnswerLost: true),
            _ => new IcaFailure(IcaFailureKind.Refused, operation, $"ICA answered {operation} with HTTP {status}{said}.", status),
        };
    }

    /// <summary>The address answered with something that is not ICA's API (a web page, another JSON shape).</summary>
    public static IcaFailure NotIca(string operation, Uri? baseAddress, string? what, int? status = null) =>
        new(IcaFailureKind.NotIca, operation,
            $"{baseAddress} answered {operation} with {(what is null ? "no content type" : what)}{(status is null ? string.Empty : $" (HTTP {status})")}, not as ICA's API does: " +
            $"check IcaKms:IcaApiUrl (ICA's is {IcaApi.BaseUrl}).", status);

    /// <summary>No answer within the time limit.</summary>
    public static IcaFailure Timeout(string operation, Uri? baseAddress) =>
        new(IcaFailureKind.Timeout, operation, $"ICA at {baseAddress} did not answer {operation} in time: check the network, then try again.", AnswerLost: true);

    /// <summary>The circuit breaker is open after many failures.</summary>
    public static IcaFailure Unavailable(string operation) =>
        new(IcaFailureKind.Unavailable, operation, $"Many recent calls to ICA failed, so IcaKms paused them: try {operation} again in half a minute.");

    /// <summary>ICA could not be reached.</summary>
    public static IcaFailure Network(string operation, Uri? baseAddress, HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string reason = exception.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : exception.HttpRequestError.ToString();
        // Name resolution, connecting and TLS fail before the request is sent; anything later may follow a request ICA received.
        bool sent = exception.HttpRequestError is not (HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError);
        return sent
            ? new(IcaFailureKind.Network, operation, $"The connection to ICA at {baseAddress} was lost before its answer to {operation} ({reason}): check the network, then try again.", AnswerLost: true)
            : new(IcaFailureKind.Network, operation, $"IcaKms could not reach ICA at {baseAddress} ({reason}): check the address (IcaKms:IcaApiUrl), the network and any proxy.");
    }

    private static IcaProblem? Problem(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<IcaProblem>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Said(IcaProblem? problem)
    {
        string? text = problem?.Detail is { Length: > 0 } detail ? detail : problem?.Title;
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // ICA's own words, on one line and at most MaxQuoted characters (a proxy could send anything).
        string line = new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return $": \"{(line.Length > MaxQuoted ? line[..MaxQuoted] + "…" : line)}\"";
    }
}
