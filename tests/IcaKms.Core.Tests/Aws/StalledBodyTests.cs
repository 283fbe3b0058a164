using System.Net;
using System.Net.Sockets;
using System.Text;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Aws;
using Microsoft.Extensions.Time.Testing;

namespace IcaKms.Core.Tests.Aws;

/// <summary>
/// Answers whose bodies stall: the app's own transport against a loopback server that sends headers and part of a body,
/// then nothing, and never closes. The client must let go of the connection by itself, and no thread may wait on the
/// body: the SDK parses bodies with synchronous reads, which on a stalled connection would block a pool thread until the
/// server gave up (this server never does). <see cref="BufferedAnswerHandler"/> reads the body asynchronously within the
/// attempt's timeout, so a stalled body ends like a missing answer: the SDK retries, then gives up.
/// </summary>
public sealed class StalledBodyTests : IDisposable
{
    // A guard against a hang, not a timing assertion: a call that never gave up would otherwise block the run.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private readonly StallingServer _server = new();

    [Fact]
    public async Task AStalledBody_IsClosedByTheClient_AfterTheCallIsGivenUp_WithoutTheServerClosing()
    {
        // No HttpClientFactory: the app's transport, as the app runs it.
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), _server.Endpoint, null, _ => null) { Timeout = TimeSpan.FromSeconds(0.5), MaxErrorRetry = 0 };
        AwsGateways gateways = factory.Create(AwsHttpStub.Session(_server.Endpoint), AwsHttpStub.Region);

        Result<KmsKeyDescription, AwsFailure> result = await Task.Run(() => gateways.Kms.DescribeKeyAsync("alias/lab")).WaitAsync(Hang);

        Assert.True(result.Failure?.Kind == AwsFailureKind.Timeout, result.Failure?.Message);
        Assert.Equal(1, _server.Connections);
        // The signal: the client closed the connection the body was stalled on. Were the SDK's read of the body blocked and
        // out of reach of the deadline, it would wait for the server, which here never closes, and this wait would fail.
        await _server.ClosedByClient(1).WaitAsync(Hang);
    }

    [Fact]
    public async Task AStalledBody_EndsTheAttemptAtItsTimeout_AndIsRetried_WhileTheCallDeadlineNeverPasses()
    {
        // The call's deadline runs on a clock that never moves: only the per-attempt timeout can end this call. Each
        // attempt's body stalls; the attempt must end at its timeout with no thread blocked in a read (a blocked read
        // would wait for this server, which never closes: the call would never return), and the SDK retries once.
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), _server.Endpoint, null, _ => null)
        {
            Timeout = TimeSpan.FromSeconds(0.5),
            MaxErrorRetry = 1,
            Time = new FakeTimeProvider(),
        };
        AwsGateways gateways = factory.Create(AwsHttpStub.Session(_server.Endpoint), AwsHttpStub.Region);

        Result<KmsKeyDescription, AwsFailure> result = await Task.Run(() => gateways.Kms.DescribeKeyAsync("alias/lab")).WaitAsync(Hang);

        Assert.True(result.Failure?.Kind == AwsFailureKind.Timeout, result.Failure?.Message);
        Assert.Equal("kms:DescribeKey for alias/lab got no answer within 0.5 s (tried 2 times): check the network, the proxy or the endpoint URL.", result.Failure!.Message);
        Assert.Equal(2, _server.Connections);
        await _server.ClosedByClient(1).WaitAsync(Hang);
        await _server.ClosedByClient(2).WaitAsync(Hang);
    }

    public void Dispose() => _server.Dispose();

    /// <summary>Answers every request with headers and a first slice of a long body, then stalls until the client closes.</summary>
    private sealed class StallingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Socket> _sockets = [];
        private readonly TaskCompletionSource[] _closedByClient = [.. Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private int _connections;

        public StallingServer()
        {
            _listener.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = AcceptAsync();
        }

        public Uri Endpoint { get; }

        public int Connections => Volatile.Read(ref _connections);

        /// <summary>Completes when the client closed the <paramref name="connection"/>th connection (from 1).</summary>
        public Task ClosedByClient(int connection) => _closedByClient[connection - 1].Task;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_sockets)
            {
                foreach (Socket socket in _sockets)
                {
                    socket.Dispose();
                }
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                    int number = Interlocked.Increment(ref _connections);
                    lock (_sockets)
                    {
                        _sockets.Add(socket);
                    }

                    _ = ServeAsync(socket, _closedByClient[Math.Min(number, _closedByClient.Length) - 1]);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The test ended.
            }
        }

        private async Task ServeAsync(Socket socket, TaskCompletionSource closedByClient)
        {
            try
            {
                var request = new StringBuilder();
                var buffer = new byte[8192];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        closedByClient.TrySetResult();
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                // The request body (DescribeKey's JSON) arrives with or right after the headers; what follows is ignored.
                await socket.SendAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: stalled-body\r\nContent-Length: 100000\r\n\r\n{\"KeyMetadata\":{\"KeyId\":\""), _stop.Token);
                while (await socket.ReceiveAsync(buffer, _stop.Token) > 0)
                {
                }

                closedByClient.TrySetResult();
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client reset the connection (also a close), or the test ended.
                if (!_stop.IsCancellationRequested)
                {
                    closedByClient.TrySetResult();
                }
            }
        }
    }
}
