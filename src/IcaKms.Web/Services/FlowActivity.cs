using static IcaKms.Web.Services.AwsConnection;

namespace IcaKms.Web.Services;

/// <summary>
/// A flow's one activity state (its enum's default value is "idle") and the one way the flow runs an intent under the
/// AWS connection: set the activity → notify → run → keep the result only while the connection is still the one it
/// ran under (a Disconnect or a new connection meanwhile makes it stale) → back to idle → notify. A call cancelled by
/// the end of its connection ends quietly: its results belong to no connection.
/// </summary>
/// <typeparam name="TActivity">The flow's activities; <c>default</c> means idle.</typeparam>
public sealed class FlowActivity<TActivity>
    where TActivity : struct, Enum
{
    private readonly AwsConnection _connection;
    private readonly ChangeSubscriptions _changes;

    public FlowActivity(AwsConnection connection, ChangeSubscriptions changes)
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
    internal Task RunAsync<TResult>(TActivity activity, Func<ConnectedSession, Task<TResult>> work, Func<ConnectedSession, TResult, Task> keep) =>
        _connection.Current is { } connected ? RunUnderAsync(connected, activity, work, keep) : Task.CompletedTask;

    /// <summary>As <see cref="RunAsync"/>, under a connection the caller already holds (a step of a longer intent).</summary>
    internal async Task RunUnderAsync<TResult>(
        ConnectedSession connected, TActivity activity, Func<ConnectedSession, Task<TResult>> work, Func<ConnectedSession, TResult, Task> keep)
    {
        ArgumentNullException.ThrowIfNull(connected);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(keep);
        Current = activity;
        await _changes.NotifyAsync();
        try
        {
            TResult result = await work(connected);
            if (_connection.IsCurrent(connected))
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
            if (_connection.IsCurrent(connected))
            {
                Current = default;
            }

            await _changes.NotifyAsync();
        }
    }
}
