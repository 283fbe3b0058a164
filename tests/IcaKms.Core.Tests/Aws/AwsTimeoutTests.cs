using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using IcaKms.Core.Aws;
using Microsoft.Extensions.Time.Testing;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.Core.Tests.Aws;

/// <summary>
/// How long a call may hang, and that the caller's own cancellation always propagates. The call deadline runs on a
/// <see cref="FakeTimeProvider"/> the test advances; the SDK's and IAM's per-attempt timeouts are HttpClient's own, so
/// those tests assert which limit ended the call (the message names it), never how long it took.
/// </summary>
public sealed class AwsTimeoutTests : IDisposable
{
    private const string PolicyArn = "arn:aws:iam::111122223333:policy/ica-storage";

    // A guard against a hang, not a timing assertion: a call that never gave up would otherwise block the run.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly AwsHttpStub _aws = new();
    private readonly BlackHole _blackHole = new();
    private readonly ManualResetEventSlim _released = new();

    [Fact]
    public void Defaults_AreFiveSecondsAndOneRetry_WithATwelveSecondDeadline()
    {
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), null, null, _ => null);
        using var kms = factory.CreateKmsClient(AwsHttpStub.Credentials, AwsHttpStub.Region, null);

        Assert.Equal(TimeSpan.FromSeconds(5), kms.Config.Timeout);
        Assert.Equal(1, kms.Config.MaxErrorRetry);
        Assert.Equal(RequestRetryMode.Standard, kms.Config.RetryMode);
        Assert.Equal(TimeSpan.FromSeconds(12), CallBudget.Of(kms.Config)!.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(5), IamQueryClient.DefaultTimeout);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("kms")]
    [InlineData("sts")]
    public async Task SdkCalls_GiveUpOnABlackHole_WithinTheirBudget(string service)
    {
        // The real SDK transport against a loopback port that accepts and never answers; one retry (the default).
        // The call deadline's clock never moves: only the per-attempt timeout can end these calls.
        var factory = new AwsClientFactory(_ => new UnusedIamGateway(), _blackHole.Endpoint, null, _ => null) { Timeout = TimeSpan.FromSeconds(1), Time = _time };
        AwsGateways gateways = factory.Create(AwsHttpStub.Session(_blackHole.Endpoint), AwsHttpStub.Region);

        AwsFailure failure = service switch
        {
            "s3" => (await gateways.S3.GetVersioningAsync("lab-data").WaitAsync(Hang)).Failure!,
            "kms" => (await gateways.Kms.DescribeKeyAsync("alias/lab").WaitAsync(Hang)).Failure!,
            _ => (await gateways.Sts.GetCallerIdentityAsync().WaitAsync(Hang)).Failure!,
        };

        string operation = service switch { "s3" => "s3:GetBucketVersioning for lab-data", "kms" => "kms:DescribeKey for alias/lab", _ => "sts:GetCallerIdentity" };
        Assert.Equal(AwsFailureKind.Timeout, failure.Kind);
        Assert.Equal($"{operation} got no answer within 1 s (tried 2 times): check the network, the proxy or the endpoint URL.", failure.Message);
        Assert.True(_blackHole.Connections >= 1);
    }

    [Fact]
    public async Task IamReads_GiveUpOnABlackHole_WithinTheirBudget()
    {
        IamQueryClient iam = IamQueryClient.Create(AwsHttpStub.Credentials, _blackHole.Endpoint, timeout: TimeSpan.FromSeconds(1));

        AwsFailure failure = (await iam.GetPolicyDefaultVersionAsync(PolicyArn).WaitAsync(Hang)).Failure!;

        Assert.Equal(AwsFailureKind.Timeout, failure.Kind);
        Assert.Equal(
            $"iam:GetPolicy for {PolicyArn} got no answer within 1 s (tried 2 times): check the network, the proxy or the endpoint URL.",
            failure.Message);
        Assert.True(_blackHole.Connections >= 1);
    }

    [Fact]
    public async Task SdkCalls_EndAtTheDeadline_WhenTheAnswerStartsButNeverFinishes()
    {
        // Headers arrive (so the SDK's per-attempt timeout is satisfied), the body never does. The answer comes
        // asynchronously and the call runs off the test's context, as over a real socket: the SDK's synchronous read
        // of the body then blocks a pool thread, not the test. The deadline (0.5 s × 1 attempt + 2 s) is on the fake
        // clock: the call can only end when the test moves it past the deadline.
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _aws.Respond = async (_, _) =>
        {
            await Task.Yield();
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream(_released)) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
            answered.TrySetResult();
            return response;
        };
        AwsGateways gateways = _aws.Gateways(TimeSpan.FromSeconds(0.5), _time);

        Task<Result<KmsKeyDescription, AwsFailure>> call = Task.Run(() => gateways.Kms.DescribeKeyAsync("alias/lab"));
        await answered.Task.WaitAsync(Hang);
        _time.Advance(TimeSpan.FromSeconds(2.5));
        Result<KmsKeyDescription, AwsFailure> result = await call.WaitAsync(Hang);

        Assert.True(result.Failure?.Kind == AwsFailureKind.Timeout, result.Failure?.Message);
        Assert.Equal("kms:DescribeKey for alias/lab got no answer within 2.5 s: check the network, the proxy or the endpoint URL.", result.Failure!.Message);
    }

    public static TheoryData<string> Gateways() => ["s3:HeadBucket", "s3:GetBucketVersioning", "kms:DescribeKey", "kms:ListKeys", "sts:GetCallerIdentity", "iam:GetPolicy"];

    [Theory]
    [MemberData(nameof(Gateways))]
    public async Task CancellingMidCall_ThrowsOperationCanceled(string operation)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
        {
            arrived.TrySetResult();
            // A hung endpoint: it answers only by ending when the caller cancels.
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        _aws.Respond = (_, cancellationToken) => Hang(cancellationToken);
        var iamTransport = new IamFakeHandler().Answer((_, cancellationToken) => Hang(cancellationToken));
        AwsGateways gateways = _aws.Gateways();
        IamQueryClient iam = IamQueryClient.Create(AwsHttpStub.Credentials, AwsHttpStub.Endpoint, iamTransport);
        using var cancellation = new CancellationTokenSource();

        Task call = operation switch
        {
            "s3:HeadBucket" => gateways.S3.GetBucketRegionAsync("lab-data", cancellation.Token),
            "s3:GetBucketVersioning" => gateways.S3.GetVersioningAsync("lab-data", cancellation.Token),
            "kms:DescribeKey" => gateways.Kms.DescribeKeyAsync("alias/lab", cancellation.Token),
            "kms:ListKeys" => gateways.Kms.ListUsableKeysAsync(cancellation.Token),
            "sts:GetCallerIdentity" => gateways.Sts.GetCallerIdentityAsync(cancellation.Token),
            _ => iam.GetPolicyDefaultVersionAsync(PolicyArn, cancellation.Token),
        };
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose()
    {
        _blackHole.Dispose();
        _released.Set();
        _released.Dispose();
    }

    /// <summary>A loopback port that accepts connections and never answers.</summary>
    private sealed class BlackHole : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _accepted = [];
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public BlackHole()
        {
            _listener.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = AcceptAsync();
        }

        public Uri Endpoint { get; }

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_accepted)
            {
                foreach (Socket socket in _accepted)
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
                while (!_stop.IsCancellationRequested)
                {
                    Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    lock (_accepted)
                    {
                        _accepted.Add(socket);
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }

    /// <summary>A body whose first read waits until it is cancelled.</summary>
    private sealed class StalledStream(ManualResetEventSlim released) : Stream
    {
        private ManualResetEventSlim Released => released;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            // A body that never finishes: the read ends only when the call's deadline cancels it.
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>The SDK reads some bodies synchronously, where no token reaches: blocks until the test ends.</summary>
        public override int Read(byte[] buffer, int offset, int count)
        {
            Released.Wait();
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
