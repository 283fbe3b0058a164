using System.Collections.Concurrent;
using System.Net;
using System.Text;
using IcaKms.E2E.Tests.Infrastructure;

namespace IcaKms.E2E.Tests.Portal;

/// <summary>
/// An in-test OTLP/HTTP receiver on 127.0.0.1 and a free port: it answers every export with 200 and keeps each body by
/// its path (<c>/v1/traces</c>, <c>/v1/metrics</c>). Protobuf keeps strings as UTF-8, so span, metric and service names
/// can be found in a body as text.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private readonly Task _loop;
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OtlpReceiver(HttpListener listener, Uri url)
    {
        _listener = listener;
        Url = url;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The endpoint to give the app as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Url { get; }

    public static OtlpReceiver Start()
    {
        (HttpListener listener, Uri url) = LoopbackListener.Start();
        return new OtlpReceiver(listener, url);
    }

    /// <summary>Waits until an export to <paramref name="path"/> holds <paramref name="text"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(string path, string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        byte[] needle = Encoding.UTF8.GetBytes(text);
        while (true)
        {
            Task received = Volatile.Read(ref _received).Task;
            if (_exports.Any(e => e.Path == path && e.Body.AsSpan().IndexOf(needle) >= 0))
            {
                return;
            }

            try
            {
                await received.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No OTLP export to {path} held '{text}' within {timeout.TotalSeconds:0}s ({_exports.Count} exports received: {string.Join(", ", _exports.Select(e => e.Path).Distinct())}).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _loop;
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
            Interlocked.Exchange(ref _received, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
