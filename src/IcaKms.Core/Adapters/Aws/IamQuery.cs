using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// IAM's Query protocol on a signing <see cref="HttpClient"/>: one action as a form-encoded POST, its XML answer's
/// <c>…Result</c> element or a failure a person can act on, reads retried once, lists read page by page.
/// </summary>
internal sealed class IamQuery
{
    /// <summary>
    /// How many attempts a read (<c>Get…</c>, <c>List…</c>) gets when it times out or cannot connect: one retry, as the
    /// SDK clients. A write is sent once: a write that timed out may still have happened, and the wizard re-reads
    /// before it writes again.
    /// </summary>
    internal const int ReadAttempts = 2;

    internal const string ApiVersion = "2010-05-08";
    internal static readonly XNamespace IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    private static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <summary>Creates the protocol over a client whose handlers sign every request, posting to <paramref name="endpoint"/>.</summary>
    public IamQuery(HttpClient signingHttpClient, Uri endpoint)
    {
        _http = signingHttpClient;
        _endpoint = endpoint;
    }

    /// <summary>The time allowed for one attempt.</summary>
    public TimeSpan Timeout => _http.Timeout;

    /// <summary>
    /// Reads every page of a list (<c>Marker</c> pagination): the <c>member</c> elements of <paramref name="listElement"/>.
    /// A member that cannot be read, or a truncated page without a new marker, fails the whole list: a partial list
    /// would hide a policy from the checks.
    /// </summary>
    public async Task<Result<IReadOnlyList<T>, AwsFailure>> ListAsync<T>(
        IamCall call,
        KeyValuePair<string, string> subject,
        string listElement,
        Func<XElement, T?> read,
        string unreadable,
        CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>();
        string? marker = null;
        do
        {
            List<KeyValuePair<string, string>> parameters = [subject];
            if (marker is not null)
            {
                parameters.Add(new("Marker", marker));
            }

            IamAnswer page = await CallAsync(call, parameters, cancellationToken).ConfigureAwait(false);
            if (page.Result is not { } pageResult)
            {
                return page.Fail<IReadOnlyList<T>>();
            }

            foreach (XElement member in pageResult.Element(IamNamespace + listElement)?.Elements(IamNamespace + "member") ?? [])
            {
                if (read(member) is not T item)
                {
                    return Result<IReadOnlyList<T>, AwsFailure>.Fail(IamFailures.Unexpected(call, unreadable));
                }

                items.Add(item);
            }

            bool truncated = string.Equals(pageResult.Element(IamNamespace + "IsTruncated")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            string? next = truncated ? pageResult.Element(IamNamespace + "Marker")?.Value : null;
            if (truncated && (string.IsNullOrEmpty(next) || next == marker))
            {
                return Result<IReadOnlyList<T>, AwsFailure>.Fail(IamFailures.Unexpected(call, "a truncated list without a new Marker"));
            }

            marker = next;
        }
        while (marker is not null);

        return Result<IReadOnlyList<T>, AwsFailure>.Ok(items);
    }

    /// <summary>
    /// Decodes a policy document as IAM returns it: percent-encoded per RFC 3986, so <c>+</c> is a literal plus
    /// (form decoding would turn it into a space). A document that is already JSON (some emulators) is kept as is.
    /// </summary>
    internal static string DecodeDocument(string document)
    {
        string trimmed = document.TrimStart();
        return trimmed.StartsWith('{') ? document : Uri.UnescapeDataString(document);
    }

    /// <summary>
    /// Posts one Query action and returns its <c>…Result</c> element, or the failure. A read that times out or cannot
    /// connect is tried <see cref="ReadAttempts"/> times; the caller's own cancellation propagates.
    /// </summary>
    public async Task<IamAnswer> CallAsync(IamCall call, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("Action", call.Action), .. parameters, new("Version", ApiVersion)];
        int attempts = call.IsRead ? ReadAttempts : 1;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(call, form, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The caller did not cancel, so HttpClient's own deadline did.
                if (attempt >= attempts)
                {
                    return IamAnswer.Failed(IamFailures.Timeout(call, _http.Timeout, attempt));
                }
            }
            catch (HttpRequestException ex)
            {
                if (attempt >= attempts)
                {
                    return IamAnswer.Failed(IamFailures.Network(call, _endpoint, ex));
                }
            }
            catch (AmazonClientException ex)
            {
                // The signer resolves the credentials on every request (e.g. an SSO or assume-role refresh) and can fail.
                return IamAnswer.Failed(IamFailures.UnusableCredentials(call, ex));
            }
            catch (AmazonServiceException ex)
            {
                return IamAnswer.Failed(IamFailures.UnusableCredentials(call, ex));
            }
        }
    }

    /// <summary>One attempt: the answer's result element, or the failure its status and body give.</summary>
    private async Task<IamAnswer> SendAsync(IamCall call, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new FormUrlEncodedContent(form),
        };
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        XElement? root = ParseXml(body);

        if (!response.IsSuccessStatusCode)
        {
            return IamAnswer.Failed(IamFailures.FromErrorResponse(
                call, (int)response.StatusCode, root, response.Content.Headers.ContentType?.MediaType, body));
        }

        XElement? result = root?.Element(IamNamespace + call.Action + "Result");
        if (result is null && call.ReturnsNothing && root?.Name == IamNamespace + call.Action + "Response")
        {
            // AttachUserPolicy, DeletePolicyVersion: the answer is the response element with its metadata only.
            return new IamAnswer(root);
        }

        return result is null
            ? IamAnswer.Failed(IamFailures.Unexpected(call, root is null ? "a body that is not XML" : $"no {call.Action}Result element"))
            : new IamAnswer(result);
    }

    private static XElement? ParseXml(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var text = new StringReader(body);
            using var reader = XmlReader.Create(text, SafeXml);
            return XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
