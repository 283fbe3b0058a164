using Microsoft.AspNetCore.Http;

namespace IcaKms.FakeIca;

/// <summary>
/// A write whose answer is held (<see cref="FakeIcaServer.HoldAnswer"/>): the test waits for <see cref="Arrived"/> and
/// <see cref="Settled"/>, never for time. The write is held until the client gives up (its timeout, or a lost
/// connection) or the test calls <see cref="Release"/>; then it is carried out when <see cref="Commits"/>, after the client
/// stopped waiting, as a slow ICA does.
/// </summary>
public sealed class FakeIcaHold
{
    private readonly TaskCompletionSource<FakeIcaRequest> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeIcaHold(string methodAndPath, bool commits)
    {
        MethodAndPath = methodAndPath;
        Commits = commits;
    }

    /// <summary>The request held: its method and path, e.g. <c>POST /api/storageCredentials</c>.</summary>
    public string MethodAndPath { get; }

    /// <summary>Whether the write is carried out once the client gave up (else it never happens).</summary>
    public bool Commits { get; }

    /// <summary>Completes when the held request reached the server.</summary>
    public Task<FakeIcaRequest> Arrived => _arrived.Task;

    /// <summary>Completes once the held write was carried out (or dropped): reads wait for it, as ICA's lists show a finished write.</summary>
    public Task Settled => _settled.Task;

    /// <summary>Ends the hold now: the write is answered as ICA would (when it commits).</summary>
    public void Release() => _released.TrySetResult();

    internal Task Released => _released.Task;

    internal void MarkArrived(FakeIcaRequest request) => _arrived.TrySetResult(request);

    internal void MarkSettled() => _settled.TrySetResult();
}

/// <content>Held writes: the lost answers of a slow ICA (a create that happens after the client's timeout).</content>
public sealed partial class FakeIcaServer
{
    private FakeIcaHold? _hold;

    /// <summary>
    /// Holds the answer of the next request whose method and path start with <paramref name="methodAndPath"/> (e.g.
    /// <c>POST /api/storageCredentials</c>) until the client gives up or <see cref="FakeIcaHold.Release"/>; the write is then
    /// carried out when <paramref name="commits"/>. Reads that arrive while it is held wait until it settled.
    /// </summary>
    public FakeIcaHold HoldAnswer(string methodAndPath, bool commits)
    {
        var hold = new FakeIcaHold(methodAndPath, commits);
        lock (_lock)
        {
            _hold = hold;
        }

        return hold;
    }

    private FakeIcaHold? TakeHold(string method, string path)
    {
        lock (_lock)
        {
            if (_hold is { } hold && !hold.Arrived.IsCompleted && $"{method} {path}".StartsWith(hold.MethodAndPath, StringComparison.Ordinal))
            {
                return hold;
            }

            return null;
        }
    }

    private async Task HoldAsync(HttpContext context, FakeIcaHold hold, Func<Answer> carryOut)
    {
        hold.MarkArrived(Requests[^1]);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await hold.Released.WaitAsync(ended.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (or the server stops): the answer is lost.
        }

        Answer? answer = hold.Commits ? carryOut() : null;
        hold.MarkSettled();
        if (answer is not null && !context.RequestAborted.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = answer.Status;
            if (answer.Body is not null)
            {
                context.Response.ContentType = answer.ContentType;
                await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForHeldWriteAsync(CancellationToken aborted)
    {
        FakeIcaHold? hold;
        lock (_lock)
        {
            hold = _hold;
        }

        if (hold is { Arrived.IsCompleted: true, Settled.IsCompleted: false })
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
            await hold.Settled.WaitAsync(ended.Token).ConfigureAwait(false);
        }
    }

    // ICA's paged-list form (…PagedList): a page of ListPageSize items from pageToken (cursor) or pageOffset (offset).
    private object Page(IReadOnlyList<object> items, IQueryCollection query)
    {
        if (Scenario.ListPageSize is not { } size)
        {
            return new { items };
        }

        int offset = Scenario.Paging == FakeIcaPaging.Cursor
            ? query.TryGetValue("pageToken", out var token) && token.ToString().StartsWith("after-", StringComparison.Ordinal) ? int.Parse(token.ToString()[6..], System.Globalization.CultureInfo.InvariantCulture) : 0
            : query.TryGetValue("pageOffset", out var skip) ? int.Parse(skip.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (Scenario.Paging == FakeIcaPaging.Offset && query.TryGetValue("pageSize", out var asked))
        {
            size = Math.Min(size, int.Parse(asked.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        }

        List<object> page = [.. items.Skip(offset).Take(size)];
        int next = offset + page.Count;
        return Scenario.Paging == FakeIcaPaging.Cursor
            ? new { items = page, nextPageToken = next < items.Count ? $"after-{next}" : string.Empty, remainingRecords = items.Count - next }
            : new { items = page, nextPageToken = string.Empty, totalItemCount = items.Count };
    }
}
