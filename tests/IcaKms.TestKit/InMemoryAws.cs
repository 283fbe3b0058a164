using System.Collections.Concurrent;
using IcaKms.Core;
using IcaKms.Core.Aws;
using IcaKms.Core.Adapters.Aws;

namespace IcaKms.TestKit;

/// <summary>
/// One in-memory AWS behind Core's four gateway interfaces (and the gateway factory), for the Core and Web tests and
/// the benchmark. Each read answers from a settable result (a value or an <see cref="AwsFailure"/>); each write
/// changes those results as AWS would. Every call is recorded by its IAM action and what it names
/// (<c>s3:GetBucketVersioning</c>, <c>kms:DescribeKey alias/x</c>, <c>s3:PutObject lab-ica-data/ica/</c>), can be
/// made to fail (<see cref="Fail"/>), held (<see cref="OnCall"/>, <see cref="Gate"/>) and awaited
/// (<see cref="WhenCalled"/>). One partial file per service; this one holds what every call goes through.
/// </summary>
public sealed partial class InMemoryAws : IAwsGatewayFactory, IS3Gateway, IKmsGateway, IIamGateway, IStsGateway
{
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentDictionary<string, AwsFailure> _faults = new(StringComparer.Ordinal);
    private readonly List<(string Call, TaskCompletionSource Signal)> _waiters = [];

    // Guards the state the writes change, so parallel calls of one inspection see whole answers.
    private readonly Lock _lock = new();
    private int _held;

    /// <summary>The gateways, all answered by this in-memory AWS.</summary>
    public AwsGateways Gateways => new(this, this, this, this);

    /// <summary>Every call, in the order they started.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>The calls that write (create, put, attach, delete), in order.</summary>
    public IReadOnlyList<string> Writes => [.. _calls.Where(IsWrite)];

    /// <summary>Runs when a call starts, before it answers (await a gate here; throw to simulate a gateway bug).</summary>
    public Func<string, CancellationToken, Task> OnCall { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>When set, every call waits for it before answering (to hold calls in flight); see <see cref="HeldCalls"/>.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Whether calls held at <see cref="Gate"/> end when their cancellation token is cancelled (the real gateways do).</summary>
    public bool HonourCancellation { get; set; } = true;

    /// <summary>How many calls are waiting at <see cref="Gate"/>.</summary>
    public int HeldCalls => Volatile.Read(ref _held);

    /// <summary>The number of calls of an IAM action, e.g. <c>sts:GetCallerIdentity</c>.</summary>
    public int CallsTo(string action) => _calls.Count(call => ActionOf(call) == action);

    /// <summary>
    /// Makes every later call of the action (<c>s3:PutObject</c>) or of the exact call (<c>kms:DescribeKey alias/x</c>)
    /// answer with the failure, changing nothing, until <see cref="Heal"/>.
    /// </summary>
    public void Fail(string actionOrCall, AwsFailure failure) => _faults[actionOrCall] = failure;

    /// <summary>Makes the action fail as AWS would word it: <paramref name="kind"/> with <paramref name="message"/>.</summary>
    public void Fail(string actionOrCall, AwsFailureKind kind, string message) =>
        Fail(actionOrCall, new AwsFailure(kind, ActionOf(actionOrCall), null, kind == AwsFailureKind.AccessDenied ? "AccessDenied" : null, message));

    /// <summary>Ends a failure set with <see cref="Fail(string, AwsFailure)"/>.</summary>
    public void Heal(string actionOrCall) => _faults.TryRemove(actionOrCall, out _);

    /// <summary>
    /// Completes when a call of the action or the exact call has started (at once if one already has): a signal to
    /// await instead of polling or sleeping.
    /// </summary>
    public Task WhenCalled(string actionOrCall)
    {
        lock (_waiters)
        {
            if (_calls.Any(call => Matches(call, actionOrCall)))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((actionOrCall, signal));
            return signal.Task;
        }
    }

    /// <summary>The gateways of any session in any region are this account's (the S3 client of another region too).</summary>
    public AwsGateways Create(AwsSession session, string region) => Gateways;

    /// <summary>Records, holds and answers one call: a fault set for it wins; else <paramref name="answer"/> runs under the lock.</summary>
    private async Task<Result<T, AwsFailure>> AnswerAsync<T>(string call, Func<Result<T, AwsFailure>> answer, CancellationToken cancellationToken)
    {
        Record(call);
        await OnCall(call, cancellationToken);
        if (Gate is { } gate)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await (HonourCancellation ? gate.Task.WaitAsync(cancellationToken) : gate.Task);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        if (_faults.TryGetValue(call, out AwsFailure? failure) || _faults.TryGetValue(ActionOf(call), out failure))
        {
            return Result<T, AwsFailure>.Fail(failure);
        }

        lock (_lock)
        {
            return answer();
        }
    }

    private void Record(string call)
    {
        lock (_waiters)
        {
            _calls.Enqueue(call);
            foreach ((string awaited, TaskCompletionSource signal) in _waiters.Where(w => Matches(call, w.Call)).ToList())
            {
                _waiters.Remove((awaited, signal));
                signal.TrySetResult();
            }
        }
    }

    private static Result<T, AwsFailure> Ok<T>(T value) => Result<T, AwsFailure>.Ok(value);

    // No error code, as the fakes this kit replaced answered: the checks read the kind and the message.
    private static Result<T, AwsFailure> NotFound<T>(string action, string message) =>
        Result<T, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.NotFound, action, null, null, message));

    private static string ActionOf(string call) => call.Split(' ', 2)[0];

    private static bool Matches(string call, string actionOrCall) => call == actionOrCall || ActionOf(call) == actionOrCall;

    private static bool IsWrite(string call)
    {
        string name = ActionOf(call).Split(':', 2)[^1];
        return name.StartsWith("Create", StringComparison.Ordinal) || name.StartsWith("Put", StringComparison.Ordinal)
            || name.StartsWith("Attach", StringComparison.Ordinal) || name.StartsWith("Delete", StringComparison.Ordinal);
    }
}
