namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// Reads each AWS answer's body into memory before the SDK sees the answer, asynchronously and under the attempt's
/// cancellation (the SDK's per-attempt timeout and the call's deadline). The SDK parses answer bodies with synchronous
/// reads; over the network, a body that stalls would block a thread-pool thread in that read until the connection
/// ended, and under load with a slow endpoint such reads starve the pool. Read here, a stalled body costs no thread,
/// and the attempt's timeout ends it as it ends a missing answer: the SDK retries or gives up, and the connection is
/// closed. The answers IcaKms asks for are small documents (no object downloads), so buffering them costs little.
/// </summary>
internal sealed class BufferedAnswerHandler : DelegatingHandler
{
    /// <summary>The largest body read into memory: far above any answer IcaKms asks for (a page of keys is ~100 KB).</summary>
    public const long MaxBufferedBytes = 16 * 1024 * 1024;

    /// <summary>Creates the handler over <paramref name="transport"/>.</summary>
    public BufferedAnswerHandler(HttpMessageHandler transport)
        : base(transport)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is > MaxBufferedBytes)
        {
            return response; // not an answer IcaKms asks for: left to the SDK as it came
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBufferedBytes, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            // Cancelled (the attempt's timeout or the call's deadline) or the connection failed: closing the answer
            // closes its connection, which the server would otherwise keep stalled.
            response.Dispose();
            throw;
        }
    }
}
