namespace IcaKms.TestKit;

/// <summary>
/// Holds the named calls until every one of them has started, then lets them all answer: an inspection that waited
/// for one of them before starting another would never get past it (the test's deadline then cancels it). Plug it
/// into <see cref="InMemoryAws.OnCall"/>.
/// </summary>
public sealed class StartGate
{
    private readonly HashSet<string> _waitingFor;
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();

    public StartGate(IEnumerable<string> calls)
    {
        _waitingFor = new HashSet<string>(calls, StringComparer.Ordinal);
    }

    public bool IsOpen => _open.Task.IsCompleted;

    public Task OnCall(string call, CancellationToken cancellationToken)
    {
        bool gated;
        lock (_lock)
        {
            gated = _waitingFor.Remove(call);
            if (_waitingFor.Count == 0)
            {
                _open.TrySetResult();
            }
        }

        return gated ? _open.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }
}
