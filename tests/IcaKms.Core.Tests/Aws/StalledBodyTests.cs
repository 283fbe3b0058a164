using System.Net;
using System.Net.Sockets;
using System.Text;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Tests.Aws;

/// <summary>
/// A call given up at its whole-call deadline while its answer's body is stalled: the SDK's own transport against a
/// loopback server that sends headers and part of a body, then nothing, and never closes. The client must let go of
/// the connection by itself (a read blocked on it would hold a pool thread until the server gave up, which this server
/// never does). Measured with AWSSDK.Core 4.0.102: the SDK cancels its read and closes the connection at the deadline,
/// or after HttpClient's 2-second drain; this test guards that across SDK upgrades.
/// </summary>
public sealed class StalledBodyTests : IDisposable
{
    private readonly StallingServer _server = new();

    [Fact]
    public async Task AStalledBody_IsClosedByTheClient_AfterTheCallIsGivenUp_WithoutTheServerClosing()
    {
        // No HttpClientFactory: the SDK's own transport, as the app runs it.
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), _server.Endpoint, null, _ => null) { Timeout = TimeSpan.FromSeconds(0.5), MaxErrorRetry = 0 };
        AwsGateways gateways = factory.Create(AwsHttpStub.Session(_server.Endpoint), AwsHttpStub.Region);

        Result<KmsKeyDescription, AwsFailure> result = await Task.Run(() => gateways.Kms.DescribeKeyAsync("alias/lab")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Failure?.Kind == AwsFailureKind.Timeout, result.Failure?.Message);
        Assert.Equal(1, _server.Connections);
        // The signal: the client closed the connection the body was stalled on. Were the SDK's read of the body blocked and
        // out of reach of the deadline, it would wait for the server, which here never closes, and this wait would fail.
        await _server.ClosedByClient.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public void Dispose() => _server.Dispose();

    /// <summary>Answers the first request with headers and a first slice of a long body, then stalls until the client closes.</summary>
    private sealed class StallingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _closedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Socket? _socket;
        private int _connections;

        public StallingServer()
        {
            _listener.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = ServeAsync();
        }

        public Uri Endpoint { get; }

        public int Connections => Volatile.Read(ref _connections);

        public Task ClosedByClient => _closedByClient.Task;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _socket?.Dispose();
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            try
            {
                _socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                var request = new StringBuilder();
                var buffer = new byte[8192];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                // The request body (DescribeKey's JSON) arrives with or right after the headers; what follows is ignored.
                await _socket.SendAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: stalled-body\r\nContent-Length: 100000\r\n\r\n{\"KeyMetadata\":{\"KeyId\":\""), _stop.Token);
                while (await _socket.ReceiveAsync(buffer, _stop.Token) > 0)
                {
                }

                _closedByClient.TrySetResult();
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client reset the connection (also a close), or the test ended.
                if (!_stop.IsCancellationRequested)
                {
                    _closedByClient.TrySetResult();
                }
            }
        }
    }
}
