namespace IcaKms.FakeAws;

/// <summary>How <see cref="FakeAwsServer"/> misbehaves, for every request, while <see cref="FakeAwsServer.Fault"/> is set.</summary>
public enum FakeAwsFault
{
    /// <summary>Answers as AWS does.</summary>
    None,

    /// <summary>
    /// Refuses every request with a 403 that quotes the request back, as AWS's <c>IncompleteSignature</c> and
    /// <c>SignatureDoesNotMatch</c> errors do: the Authorization header (access key id, signature) and the security token.
    /// </summary>
    EchoRequest,

    /// <summary>Answers every request with a proxy's HTML error page (HTTP 502).</summary>
    HtmlErrorPage,

    /// <summary>
    /// Answers as AWS does, but sends only the headers and the first half of each answer's body (an answer without a
    /// body: nothing at all), then nothing more until the server stops: an endpoint whose bodies stall.
    /// </summary>
    StalledBody,
}
