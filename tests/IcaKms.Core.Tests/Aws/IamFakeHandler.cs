using System.Net;
using System.Text;

namespace IcaKms.Core.Tests.Aws;

/// <summary>
/// An in-process transport for IAM: records each request as it reached the wire (signed) and answers from a queue.
/// </summary>
internal sealed class IamFakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<IamRecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _answers = new();

    public List<IamRecordedRequest> Requests { get; } = [];

    /// <summary>Queues an answer with the given status and body (IAM answers <c>text/xml</c>).</summary>
    public IamFakeHandler Answer(HttpStatusCode status, string body, string mediaType = "text/xml") =>
        Answer((_, _) => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        }));

    /// <summary>Queues an answer computed from the request.</summary>
    public IamFakeHandler Answer(Func<IamRecordedRequest, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = request.Content is null
            ? request.Headers
            : request.Headers.Concat(request.Content.Headers);
        foreach (KeyValuePair<string, IEnumerable<string>> header in all)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var recorded = new IamRecordedRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Add(recorded);
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"No answer queued for request {Requests.Count}.");
        }

        return await _answers.Dequeue()(recorded, cancellationToken);
    }
}

/// <summary>A request as the fake transport saw it.</summary>
internal sealed record IamRecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? MediaType => Headers.TryGetValue("Content-Type", out string? value) ? value.Split(';')[0].Trim() : null;

    /// <summary>The form fields of the body (application/x-www-form-urlencoded: <c>+</c> is a space).</summary>
    public IReadOnlyDictionary<string, string> Form =>
        BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => WebUtility.UrlDecode(kv[0]), kv => kv.Length > 1 ? WebUtility.UrlDecode(kv[1]) : "", StringComparer.Ordinal);

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
