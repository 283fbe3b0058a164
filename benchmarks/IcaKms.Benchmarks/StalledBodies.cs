using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using IcaKms.Core;
using IcaKms.Core.Adapters.Aws;
using IcaKms.Core.Aws;

namespace IcaKms.Benchmarks;

/// <summary>
/// "No thread held hostage": N sessions call KMS DescribeKey at once, through the transport the app runs
/// (AwsClientFactory's: BufferedAnswerHandler reads each body asynchronously within the attempt's timeout), against a
/// loopback endpoint that sends the answer's headers and a first slice of its body, then nothing, and never closes. Every
/// call is given up (0.5 s per attempt, no retry; whole-call deadline 2.5 s). What matters
/// is what stays behind: how long after the deadline the client lets go of each connection (a read blocked on it would
/// hold a pool thread until the server closed, which this one never does), the thread pool's size, and how long a
/// trivial work item waits to run meanwhile.
/// Run: <c>dotnet run -c Release --project benchmarks/IcaKms.Benchmarks -- --stalled-bodies 50</c>.
/// </summary>
internal static class StalledBodies
{
    private static readonly AWSCredentials Credentials = new SessionAWSCredentials("ASIASTALLEDBODY00001", "stalled-body-secret", "stalled-body-token");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2.5);

    public static async Task<int> RunAsync(int sessions)
    {
        Print($"IcaKms stalled-body benchmark: {sessions} simultaneous kms:DescribeKey calls, the app's transport, 0.5 s per attempt, no retry (deadline {Deadline.TotalSeconds:0.0} s), {Environment.ProcessorCount} cores");
        using var server = new StallingServer();
        AwsClientFactory factory = AwsClientFactory.WithIamQueryClient(new AwsClientSettings
        {
            Endpoint = server.Endpoint,
            Timeout = TimeSpan.FromSeconds(0.5),
            MaxErrorRetry = 0,
        });
        var session = new AwsSession(AwsSessionSource.Pasted, Credentials, new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/bench", "AIDABENCH"), server.Endpoint);
        AwsGateways gateways = factory.Create(session, "eu-west-2");
        server.Clock.Restart();
        Result<KmsKeyDescription, AwsFailure>[] results = await Task.WhenAll(Enumerable.Range(0, sessions).Select(i => Task.Run(() => gateways.Kms.DescribeKeyAsync($"alias/session-{i}"))));
        TimeSpan returned = server.Clock.Elapsed;
        int timeouts = results.Count(r => r.Failure?.Kind == AwsFailureKind.Timeout);
        Print($"  calls returned after      {returned.TotalSeconds,6:0.00} s   ({timeouts}/{sessions} timed out)");

        // Sample every 250 ms until the client has let go of every connection, or 30 s.
        int maxThreads = ThreadPool.ThreadCount;
        TimeSpan worstWait = TimeSpan.Zero;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (server.ClosedByClient < server.Accepted && server.Clock.Elapsed < TimeSpan.FromSeconds(30) && await poll.WaitForNextTickAsync())
        {
            long probe = Stopwatch.GetTimestamp();
            TimeSpan wait = await Task.Run(() => Stopwatch.GetElapsedTime(probe));
            worstWait = wait > worstWait ? wait : worstWait;
            maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
        }

        TimeSpan[] closes = server.CloseTimes();
        Print($"  connections               {server.Accepted,6}     closed by the client: {closes.Length}, still held: {server.Accepted - closes.Length}");
        if (closes.Length > 0)
        {
            Print($"  closed after the deadline p50 {(Percentile(closes, 0.5) - Deadline).TotalSeconds:0.00} s, max {(closes[^1] - Deadline).TotalSeconds:0.00} s");
        }

        Print($"  pool threads (max)        {maxThreads,6}");
        Print($"  work item wait (worst)    {worstWait.TotalMilliseconds,6:0.0} ms");
        return 0;
    }

    private static TimeSpan Percentile(TimeSpan[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>Answers every request with headers and part of a long body, then waits for the client to close.</summary>
    private sealed class StallingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Socket> _sockets = [];
        private readonly List<TimeSpan> _closes = [];
        private int _accepted;

        public StallingServer()
        {
            _listener.Start(1024);
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = AcceptAsync();
        }

        public Uri Endpoint { get; }

        public int Accepted => Volatile.Read(ref _accepted);

        public Stopwatch Clock { get; } = new();

        public int ClosedByClient
        {
            get
            {
                lock (_closes)
                {
                    return _closes.Count;
                }
            }
        }

        public TimeSpan[] CloseTimes()
        {
            lock (_closes)
            {
                return [.. _closes.Order()];
            }
        }

        private void Closed()
        {
            lock (_closes)
            {
                _closes.Add(Clock.Elapsed);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_sockets)
            {
                _sockets.ForEach(s => s.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                    Interlocked.Increment(ref _accepted);
                    lock (_sockets)
                    {
                        _sockets.Add(socket);
                    }

                    _ = StallAsync(socket);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task StallAsync(Socket socket)
        {
            try
            {
                var buffer = new byte[16384];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        Closed();
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await socket.SendAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: stalled\r\nContent-Length: 100000\r\n\r\n{\"KeyMetadata\":{\"KeyId\":\""), _stop.Token);
                while (await socket.ReceiveAsync(buffer, _stop.Token) > 0)
                {
                }

                Closed();
            }
            catch (Exception ex) when (ex is SocketException)
            {
                Closed(); // reset by the client: closed too
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
