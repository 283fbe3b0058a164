using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace IcaKms.Circuits;

/// <content>The page the circuit's render batches built, and events sent without waiting for a render (the load benchmark).</content>
internal sealed partial class BlazorCircuit
{
    /// <summary>Reads the page as it is now (no batch is applied meanwhile).</summary>
    public T ReadPage<T>(Func<RenderedPage, T> read)
    {
        lock (_gate)
        {
            return read(Page);
        }
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> finds what it looks for in the page (a non-null answer), checked now and after
    /// every render batch; fails when a batch could not be applied or the server reported an error.
    /// </summary>
    public async Task<T> WaitForPageAsync<T>(Func<RenderedPage, T?> probe, CancellationToken cancellation)
        where T : class
    {
        while (true)
        {
            Task<long> next;
            lock (_gate)
            {
                if (PageError is { } broken)
                {
                    throw new InvalidOperationException($"The page could not be followed: {broken}");
                }

                if (probe(Page) is { } found)
                {
                    return found;
                }

                next = _nextBatch.Task;
            }

            if (Error is { } error)
            {
                throw new InvalidOperationException($"The circuit failed: {error}");
            }

            await next.WaitAsync(cancellation);
        }
    }

    /// <summary>
    /// Dispatches a browser event to a handler the way blazor.web.js does (BeginInvokeDotNetFromJS → DispatchEventAsync)
    /// without waiting for what it renders; the task ends when the server's handler has run (its async work included).
    /// </summary>
    public async Task<Task<string>> SendEventAsync(ulong eventHandlerId, string eventName, JsonObject eventArgs, CancellationToken cancellation)
    {
        string callId;
        var completed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            callId = (++_nextCallId).ToString(CultureInfo.InvariantCulture);
            _pendingDotNetCalls[callId] = completed;
        }

        var descriptor = new JsonObject { ["eventHandlerId"] = eventHandlerId, ["eventName"] = eventName, ["eventFieldInfo"] = null };
        string argsJson = new JsonArray(descriptor, eventArgs).ToJsonString();
        await _connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", RendererInteropObjectId, argsJson, cancellation);
        return completed.Task;
    }
}
