using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// One call's deadline (<see cref="CallBudget.StartDeadline"/>): its token ends when the budget's deadline passes on
/// the budget's clock, or when the caller cancels, whichever comes first.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    // The timer source takes the clock (a linked source cannot); the linked one adds the caller's cancellation.
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public CallDeadline(TimeSpan after, TimeProvider time, CancellationToken callerToken)
    {
        _timer = new CancellationTokenSource(after, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token);
    }

    /// <summary>Ends at the deadline or at the caller's cancellation.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True once the deadline passed or the caller cancelled.</summary>
    public bool IsCancellationRequested => _linked.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
