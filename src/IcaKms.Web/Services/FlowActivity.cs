namespace IcaKms.Web.Services;

/// <summary>
/// A flow's one activity state (its enum's default value is "idle") and the one way the flow runs an intent under its
/// connection (the AWS or the ICA one): set the activity → notify → run → keep the result only while the connection is
/// still the one it ran under (a Disconnect or a new connection meanwhile makes it stale) → back to idle → notify. A call
/// cancelled by the end of its connection ends quietly: its results belong to no connection.
/// </summary>
/// <typeparam name="TActivity">The flow's activities; <c>default</c> means idle.</typeparam>
/// <typeparam name="TSession">One connection of the flow's <see cref="IFlowConnection{TSession}"/>.</typeparam>
internal sealed class FlowActivity<TActivity, TSession>
    where TActivity : struct, Enum
    where TSession : class, IConnectedLifetime
{
    private readonly IFlowConnection<TSession> _connection;
    private readonly ChangeSubscriptions _changes;

    public FlowActivity(IFlowConnection<TSession> connection, ChangeSubscriptions changes)
    {
        _connection = connection;
        _changes = changes;
    }

    /// <summary>What the flow is doing now.</summary>
    public TActivity Current { get; private set; }

    /// <summary>True when nothing of the flow is in flight.</summary>
    public bool IsIdle => EqualityComparer<TActivity>.Default.Equals(Current, default);

    /// <summary>Back to idle without telling anyone (the flow is forgetting everything and tells its subscribers itself).</summary>
    public void Reset() => Current = default;

    /// <summary>
    /// Runs <paramref name="work"/> under the current connection as <paramref name="activity"/> and hands its result to
    /// <paramref name="keep"/> only if the connection did not change meanwhile; does nothing when offline.
    /// </summary>
    internal Task RunAsync<TResult>(TActivity activity, Func<TSession, Task<TResult>> work, Func<TSession, TResult, Task> keep) =>
        _connection.Current is { } connected ? RunUnderAsync(connected, activity, work, keep) : Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="work"/>, which makes a new connection (none need be current yet), as <paramref name="activity"/>:
    /// the activity → notify → run → idle, unless a step under the new connection already ended it → notify.
    /// </summary>
    internal async Task<TResult> RunConnectingAsync<TResult>(TActivity activity, Func<Task<TResult>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Current = activity;
        await _changes.NotifyAsync();
        try
        {
            return await work();
        }
        finally
        {
            if (EqualityComparer<TActivity>.Default.Equals(Current, activity))
            {
                Current = default;
            }

            await _changes.NotifyAsync();
        }
    }

    /// <summary>As <see cref="RunAsync"/>, under a connection the caller already holds (a step of a longer intent).</summary>
    internal async Task RunUnderAsync<TResult>(
        TSession connected, TActivity activity, Func<TSession, Task<TResult>> work, Func<TSession, TResult, Task> keep)
    {
        ArgumentNullException.ThrowIfNull(connected);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(keep);
        Current = activity;
        await _changes.NotifyAsync();
        try
        {
            TResult result = await work(connected);
            if (IsCurrent(connected))
            {
                await keep(connected, result);
            }
        }
        catch (OperationCanceledException) when (connected.Token.IsCancellationRequested)
        {
            // Disconnected (or the circuit ended) meanwhile: what was read belongs to no connection.
        }
        finally
        {
            // A new connection has already reset the flow; only the intent's own connection may end its activity.
            if (IsCurrent(connected))
            {
                Current = default;
            }

            await _changes.NotifyAsync();
        }
    }

    private bool IsCurrent(TSession connected) => ReferenceEquals(_connection.Current, connected);
}
