using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace IcaKms.Circuits;

/// <summary>
/// One Blazor Server circuit driven over the wire the way blazor.web.js does it (Web.JS CircuitManager): GET the page,
/// take the server component markers from its comments, negotiate and open the WebSocket to /_blazor (blazorpack),
/// StartCircuit with no components, then UpdateRootComponents with an "add" operation per marker; every render batch is
/// acknowledged with OnRenderCompleted, and every JS call the page makes is answered with a null result (or what the
/// caller answers, e.g. a localStorage read).
/// </summary>
internal sealed partial class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Lock _gate = new();
    private TaskCompletionSource<long> _nextBatch = NewBatchSignal();
    private readonly List<byte[]> _batches = [];
    private readonly Dictionary<string, TaskCompletionSource<string>> _pendingDotNetCalls = [];
    private int _nextCallId;

    private readonly Func<string, string, string?>? _answerJs;
    private readonly Func<string, string, Task<string?>>? _answerJsAsync;

    private BlazorCircuit(HubConnection connection, Func<string, string, string?>? answerJs, Func<string, string, Task<string?>>? answerJsAsync)
    {
        _connection = connection;
        _answerJs = answerJs;
        _answerJsAsync = answerJsAsync;
    }

    /// <summary>The page as the render batches built it (read it under <see cref="ReadPage{T}"/>).</summary>
    private RenderedPage Page { get; } = new();

    /// <summary>Why a render batch could not be applied to <see cref="Page"/>, if one could not.</summary>
    public string? PageError { get; private set; }

    /// <summary>Render batches received (and acknowledged) so far.</summary>
    public int BatchCount
    {
        get
        {
            lock (_gate)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>The timestamp of the last render batch received.</summary>
    public long LastBatchTimestamp { get; private set; }

    /// <summary>The identifiers of the JS functions the server called, in order.</summary>
    public ConcurrentQueue<string> JsCallIdentifiers { get; } = new();

    /// <summary>JS interop calls from the server that were answered.</summary>
    public int JsCallsAnswered { get; private set; }

    /// <summary>The DotNetObjectReference id of the renderer's interop methods, which DispatchEventAsync is called on.</summary>
    public long RendererInteropObjectId { get; private set; }

    /// <summary>Errors the server reported through JS.Error.</summary>
    public string? Error { get; private set; }

    /// <summary>Time from the GET of the page to the first render batch received.</summary>
    public TimeSpan TimeToFirstBatch { get; private set; }

    /// <summary>The circuit's id as StartCircuit returned it (what a browser's disconnect beacon sends).</summary>
    private string? CircuitSecret { get; set; }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();

    /// <summary>Opens a circuit on <paramref name="path"/> and waits for its first render batch.</summary>
    /// <param name="answerJs">
    /// Answers JS calls the way a browser would, e.g. localStorage reads: (identifier, argsJson) → the result as JSON, or
    /// null for the default null result.
    /// </param>
    /// <param name="answerJsAsync">Answers JS calls that take time in a browser (e.g. a fetch), after <paramref name="answerJs"/> had none.</param>
    public static async Task<BlazorCircuit> OpenAsync(HttpClient http, Uri baseUri, string path, TimeSpan deadline, CancellationToken cancellation,
        Func<string, string, string?>? answerJs = null, Func<string, string, Task<string?>>? answerJsAsync = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(deadline);
        CancellationToken token = timeout.Token;
        long started = Stopwatch.GetTimestamp();
        var pageUri = new Uri(baseUri, path.TrimStart('/'));
        string html = await http.GetStringAsync(pageUri, token);
        var operations = new JsonArray();
        int ssrComponentId = 1;
        foreach (Match match in MarkerPattern().Matches(html))
        {
            JsonNode? marker = JsonNode.Parse(match.Groups[1].Value);
            if (marker?["descriptor"] is null || marker["type"]?.GetValue<string>() != "server")
            {
                continue; // an end-of-prerender marker, or not a server component
            }

            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = ssrComponentId++, ["marker"] = marker });
        }

        if (operations.Count == 0)
        {
            throw new InvalidOperationException($"{pageUri} has no interactive server component marker.");
        }

        Match state = StatePattern().Match(html);
        string applicationState = state.Success ? state.Groups[1].Value : "";
        string batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), options => options.Transports = HttpTransportType.WebSockets);
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>(); // the hub speaks blazorpack only
        var circuit = new BlazorCircuit(builder.Build(), answerJs, answerJsAsync);
        circuit.Register();
        try
        {
            await circuit._connection.StartAsync(token);
            string? secret = await circuit._connection.InvokeAsync<string?>(
                "StartCircuit", baseUri.ToString(), pageUri.ToString(), "[]", "", token);
            if (string.IsNullOrEmpty(secret))
            {
                throw new InvalidOperationException($"StartCircuit was refused: {circuit.Error}");
            }

            circuit.CircuitSecret = secret;

            await circuit._connection.SendAsync("UpdateRootComponents", batch, applicationState, token);
            await circuit.WaitForBatchesAsync(1, token);
            circuit.TimeToFirstBatch = Stopwatch.GetElapsedTime(started);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    private void Register()
    {
        _connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], (args, _) =>
        {
            long batchId = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
            byte[] data = (byte[])args[1]!;
            TaskCompletionSource<long> signal;
            lock (_gate)
            {
                _batches.Add(data);
                if (PageError is null)
                {
                    try
                    {
                        Page.Apply(data);
                    }
                    catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidCastException or IndexOutOfRangeException)
                    {
                        PageError = $"batch {batchId}: {e.Message}";
                    }
                }

                LastBatchTimestamp = Stopwatch.GetTimestamp();
                signal = _nextBatch;
                _nextBatch = NewBatchSignal();
            }

            signal.TrySetResult(batchId);
            return _connection.SendAsync("OnRenderCompleted", batchId, null);
        }, this);

        // (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType), as blazor.web.js binds it.
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], (args, _) =>
        {
            long handle = Convert.ToInt64(args[0], CultureInfo.InvariantCulture);
            JsCallsAnswered++;
            JsCallIdentifiers.Enqueue((string?)args[1] ?? "?");
            if ((string?)args[1] == "Blazor._internal.attachWebRendererInterop")
            {
                // (rendererId, DotNetObjectReference to WebRendererInteropMethods, ...): events go to that object.
                JsonNode? reference = JsonNode.Parse((string?)args[2] ?? "[]")?[1]?["__dotNetObject"];
                RendererInteropObjectId = reference?.GetValue<long>() ?? 0;
            }

            if (handle == 0)
            {
                return Task.CompletedTask; // a void call: the browser does not answer
            }

            string? immediate = _answerJs?.Invoke((string?)args[1] ?? "", (string?)args[2] ?? "[]");
            if (immediate is null && _answerJsAsync is { } later)
            {
                // Answered when done, as a browser's promise is: the connection keeps reading meanwhile.
                _ = Task.Run(async () =>
                {
                    string answerLater = await later((string?)args[1] ?? "", (string?)args[2] ?? "[]") ?? "null";
                    await _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, string.Create(CultureInfo.InvariantCulture, $"[{handle},true,{answerLater}]"));
                });
                return Task.CompletedTask;
            }

            string answer = immediate ?? "null";
            string result = string.Create(CultureInfo.InvariantCulture, $"[{handle},true,{answer}]");
            return _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, result);
        }, this);

        _connection.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], (args, _) =>
        {
            string callId = (string)args[0]!;
            TaskCompletionSource<string>? pending;
            lock (_gate)
            {
                _pendingDotNetCalls.Remove(callId, out pending);
            }

            if ((bool)args[1]!)
            {
                pending?.TrySetResult((string?)args[2] ?? "");
            }
            else
            {
                pending?.TrySetException(new InvalidOperationException($"DispatchEventAsync failed: {args[2]}"));
            }

            return Task.CompletedTask;
        }, this);

        _connection.On("JS.Error", [typeof(string)], (args, _) =>
        {
            Error = (string?)args[0];
            return Task.CompletedTask;
        }, this);

        _connection.On("JS.EndUpdateRootComponents", [typeof(long)], (_, _) => Task.CompletedTask, this);
    }

    /// <summary>Waits until at least <paramref name="count"/> render batches have arrived.</summary>
    public async Task WaitForBatchesAsync(int count, CancellationToken cancellation)
    {
        while (true)
        {
            Task<long> next;
            lock (_gate)
            {
                if (_batches.Count >= count)
                {
                    return;
                }

                next = _nextBatch.Task;
            }

            await next.WaitAsync(cancellation);
        }
    }

    /// <summary>The render batches received so far (the binary RenderBatch format of Web.JS OutOfProcessRenderBatch).</summary>
    public IReadOnlyList<byte[]> Batches()
    {
        lock (_gate)
        {
            return [.. _batches];
        }
    }

    /// <summary>
    /// Dispatches a browser event the way blazor.web.js does (BeginInvokeDotNetFromJS → DispatchEventAsync on the renderer's
    /// interop object) and waits for
    /// the render batch it causes.
    /// </summary>
    public async Task<TimeSpan> DispatchEventAndWaitForRenderAsync(ulong eventHandlerId, string eventName, JsonObject eventArgs, CancellationToken cancellation)
    {
        string callId;
        Task<long> nextBatch;
        var completed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            callId = (++_nextCallId).ToString(CultureInfo.InvariantCulture);
            _pendingDotNetCalls[callId] = completed;
            nextBatch = _nextBatch.Task;
        }

        var descriptor = new JsonObject
        {
            ["eventHandlerId"] = eventHandlerId,
            ["eventName"] = eventName,
            ["eventFieldInfo"] = null,
        };
        string argsJson = new JsonArray(descriptor, eventArgs).ToJsonString();
        long started = Stopwatch.GetTimestamp();
        await _connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", RendererInteropObjectId, argsJson, cancellation);
        // A refused dispatch (an unknown handler id, a handler that threw) renders nothing: its error ends the wait.
        Task first = await Task.WhenAny(nextBatch, completed.Task).WaitAsync(cancellation);
        if (first == completed.Task && completed.Task.IsFaulted)
        {
            await completed.Task;
        }

        await nextBatch.WaitAsync(cancellation);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        await completed.Task.WaitAsync(cancellation);
        await Task.Delay(20, cancellation); // let any further batch of this event arrive before the next one is sent
        return elapsed;
    }

    /// <summary>
    /// The current id of the handler for <paramref name="eventAttribute"/> on the element marked by
    /// <paramref name="markerName"/>=<paramref name="markerValue"/>, from the batches received (null if none, or disposed).
    /// The element is found where it is inserted; a later render of its component that gives it a new handler (MudButton's
    /// click handler is a new delegate at each render) sets the attribute by an edit of that component, which is followed.
    /// </summary>
    public ulong? FindEventHandler(string markerName, string markerValue, string eventAttribute)
    {
        int? owner = null;
        ulong? current = null;
        foreach (byte[] batch in Batches())
        {
            foreach ((int component, int type, int frame) in RenderBatchReader.Edits(batch))
            {
                if (RenderBatchReader.PrependsFrame(type)
                    && RenderBatchReader.FindEventHandler(batch, frame, markerName, markerValue, eventAttribute) is { } found)
                {
                    (owner, current) = (component, found);
                }
                else if (RenderBatchReader.SetsAttribute(type) && component == owner
                    && RenderBatchReader.Attribute(batch, frame) is { HandlerId: not 0 } attribute && attribute.Name == eventAttribute)
                {
                    current = attribute.HandlerId;
                }
            }

            if (current is { } id && RenderBatchReader.DisposedEventHandlers(batch).Contains(id))
            {
                current = null; // the element went away
            }

            if (owner is { } ownerId && RenderBatchReader.DisposedComponents(batch).Contains(ownerId))
            {
                owner = null;
            }
        }

        return current;
    }

    private static TaskCompletionSource<long> NewBatchSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Closes the tab as a browser does: the disconnect beacon (<c>POST _blazor/disconnect</c> with the circuit's id, which
    /// blazor.web.js sends on unload) ends the circuit at once, then the connection closes. Without the beacon the server
    /// keeps a dropped circuit for its retention period, waiting for the tab to come back.
    /// </summary>
    public async Task CloseAsync(HttpClient http, Uri baseUri, CancellationToken cancellation)
    {
        if (CircuitSecret is { } secret)
        {
            using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("circuitId", secret)]);
            using HttpResponseMessage response = await http.PostAsync(new Uri(baseUri, "_blazor/disconnect"), form, cancellation);
            response.EnsureSuccessStatusCode();
        }

        await _connection.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
