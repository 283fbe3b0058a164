using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace IcaKms.Circuits;

/// <summary>An app to measure: its published dll, the page whose circuit is held, extra environment.</summary>
internal sealed record AppUnderTest(string Name, string Dll, string Path, IReadOnlyDictionary<string, string> Environment, StepAction Step, StepAction? Next = null);

/// <summary>
/// The interaction timed with N circuits held: an event on the element marked by MarkerName=MarkerValue, e.g. typing
/// into the bucket field (data-testid=bucket-name, "input" with a new value).
/// </summary>
/// <param name="AnswerJs">How the browser answers the page's JS calls in the circuits of this action (e.g. localStorage
/// holding valid inputs, so that Next may pass); null answers every call with null.</param>
internal sealed record StepAction(string Description, string MarkerName, string MarkerValue, string EventName, Func<int, JsonObject> EventArgs,
    Func<string, string, string?>? AnswerJs = null);

/// <summary>What one app measured.</summary>
internal sealed record AppResult(
    string Name,
    int Circuits,
    HeapSample Baseline,
    HeapSample Held,
    FirstLoadResult FirstLoad,
    IReadOnlyList<TimeSpan> TimesToFirstBatch,
    double BatchesPerCircuit,
    IReadOnlyList<TimeSpan>? StepTimes,
    IReadOnlyList<TimeSpan>? NextTimes,
    IReadOnlyList<TimeSpan>? TimesToInteractive)
{
    public double HeapPerCircuit => (double)(Held.HeapBytes - Baseline.HeapBytes) / Circuits;

    public double LivePerCircuit => (double)(Held.LiveBytes - Baseline.LiveBytes) / Circuits;

    public double RssPerCircuit => (double)(Held.RssBytes - Baseline.RssBytes) / Circuits;
}

internal static class CircuitRun
{
    private static readonly TimeSpan CircuitDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GcDeadline = TimeSpan.FromSeconds(60);

    public static async Task<AppResult> RunAsync(AppUnderTest app, CircuitOptions options, CancellationToken cancellation)
    {
        using ServerProcess server = await ServerProcess.StartAsync(app.Dll, app.Environment, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var circuits = new List<BlazorCircuit>(options.WarmUp + options.Circuits);
        try
        {
            FirstLoadResult firstLoad = await FirstLoad.MeasureAsync(server.BaseUri, app.Path, cancellation);

            // Warm-up circuits stay open: the baseline then holds the one-time costs (JIT, caches, the first circuit's
            // shared services), and the difference to the measurement is the circuits alone.
            for (int i = 0; i < options.WarmUp; i++)
            {
                circuits.Add(await BlazorCircuit.OpenAsync(http, server.BaseUri, app.Path, CircuitDeadline, cancellation));
            }

            await WaitIdleAsync(circuits, cancellation);
            HeapSample baseline = await HeapProbe.CollectAsync(server.Pid, GcDeadline);
            Console.WriteLine($"   baseline ({options.WarmUp} warm-up circuits): {Format(baseline)}");

            // The first ten circuits one at a time, for an uncontended time to first render; the rest in parallel.
            var timed = new List<TimeSpan>();
            int sequential = Math.Min(10, options.Circuits);
            for (int i = 0; i < sequential; i++)
            {
                BlazorCircuit circuit = await BlazorCircuit.OpenAsync(http, server.BaseUri, app.Path, CircuitDeadline, cancellation);
                circuits.Add(circuit);
                timed.Add(circuit.TimeToFirstBatch);
            }

            long started = Stopwatch.GetTimestamp();
            int remaining = options.Circuits - sequential;
            var opened = new BlazorCircuit[remaining];
            await Parallel.ForAsync(0, remaining, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellation }, async (i, token) =>
            {
                opened[i] = await BlazorCircuit.OpenAsync(http, server.BaseUri, app.Path, CircuitDeadline, token);
                if ((i + 1) % 250 == 0)
                {
                    Console.WriteLine($"   {sequential + i + 1} circuits open");
                }
            });
            circuits.AddRange(opened);
            Console.WriteLine($"   {options.Circuits} circuits open in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

            await WaitIdleAsync(circuits, cancellation);
            string? error = circuits.Select(c => c.Error).FirstOrDefault(e => e is not null);
            if (error is not null)
            {
                throw new InvalidOperationException($"A circuit reported an error: {error}");
            }

            HeapSample held = await HeapProbe.CollectAsync(server.Pid, GcDeadline);
            Console.WriteLine($"   {options.WarmUp + options.Circuits} circuits held: {Format(held)}");
            double batches = circuits.Skip(options.WarmUp).Average(c => c.BatchCount);
            Console.WriteLine($"   render batches per circuit to idle: {batches:F1}; JS calls answered per circuit: {circuits.Average(c => c.JsCallsAnswered):F1} ({string.Join(", ", circuits[^1].JsCallIdentifiers)})");
            if (options.Hold > TimeSpan.Zero)
            {
                Console.WriteLine($"   holding the circuits {options.Hold.TotalSeconds:F0} s: pid {server.Pid} (e.g. dotnet-gcdump collect -p {server.Pid})");
                await Task.Delay(options.Hold, cancellation);
            }

            IReadOnlyList<TimeSpan>? steps = options.Steps > 0
                ? await TimeStepsAsync(app.Step, circuits.Skip(options.WarmUp).ToList(), options.Steps, cancellation)
                : null;
            IReadOnlyList<TimeSpan>? next = app.Next is { } action && options.NextCircuits > 0
                ? await TimeNextAsync(action, http, server.BaseUri, app.Path, options, circuits, cancellation)
                : null;
            IReadOnlyList<TimeSpan>? interactive = null;
            if (options.TimeToInteractiveLoads > 0 && File.Exists(options.Chromium))
            {
                interactive = await BrowserLoad.MeasureAsync(options.Chromium, server.BaseUri, app.Path, options.TimeToInteractiveLoads, cancellation);
                Console.WriteLine($"   time to interactive in Chromium, {interactive.Count} loads: median {Ms(Percentile(interactive, 50))}");
            }
            else if (options.TimeToInteractiveLoads > 0)
            {
                Console.WriteLine($"   no browser at {options.Chromium}: time to interactive not measured (--chromium PATH)");
            }

            return new AppResult(app.Name, options.Circuits, baseline, held, firstLoad, timed, batches, steps, next, interactive);
        }
        finally
        {
            foreach (BlazorCircuit circuit in circuits)
            {
                await circuit.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Sends the step's event to the held circuits in turn, one event per circuit and one at a time, and times each from
    /// the send until the render batch it causes arrives: the server's time for the action plus a loopback round trip.
    /// One event per circuit because a keystroke re-renders the field typed with new handler ids, set by diff edits that
    /// this client does not map back to their elements; so each sample is a held, idle circuit's first keystroke into
    /// the field (at most N samples).
    /// </summary>
    private static Task<IReadOnlyList<TimeSpan>> TimeStepsAsync(StepAction step, IReadOnlyList<BlazorCircuit> circuits, int count, CancellationToken cancellation) =>
        TimeEventsAsync(step, circuits.Take(count).ToList(), cancellation);

    /// <summary>
    /// The step action "Next", with the N idle circuits still held: opens <see cref="CircuitOptions.NextCircuits"/> more
    /// circuits whose browser storage holds valid inputs (as a returning user's does), waits until they are idle, then
    /// clicks Next in each in turn and times it from the send until the render batch with the next step arrives. The
    /// Next button's handler is a method group, so its id from the first batch stays valid.
    /// </summary>
    private static async Task<IReadOnlyList<TimeSpan>> TimeNextAsync(StepAction next, HttpClient http, Uri baseUri, string path, CircuitOptions options,
        List<BlazorCircuit> held, CancellationToken cancellation)
    {
        var opened = new BlazorCircuit[options.NextCircuits];
        await Parallel.ForAsync(0, opened.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellation }, async (i, token) =>
            opened[i] = await BlazorCircuit.OpenAsync(http, baseUri, path, CircuitDeadline, token, next.AnswerJs));
        held.AddRange(opened); // disposed with the others
        await WaitIdleAsync(opened, cancellation);
        return await TimeEventsAsync(next, opened, cancellation);
    }

    /// <summary>
    /// Sends the action's event once to each circuit, one at a time, timing each from the send until its render batch
    /// arrives, and prints what the events cost the server: render batches, bytes, components rendered, event handlers
    /// replaced. Three failures end it.
    /// </summary>
    private static async Task<IReadOnlyList<TimeSpan>> TimeEventsAsync(StepAction action, IReadOnlyList<BlazorCircuit> circuits, CancellationToken cancellation)
    {
        var times = new List<TimeSpan>(circuits.Count);
        int missing = 0;
        int failed = 0;
        long batches = 0;
        long bytes = 0;
        long components = 0;
        long replacedHandlers = 0;
        for (int i = 0; i < circuits.Count && failed < 3; i++)
        {
            BlazorCircuit circuit = circuits[i];
            ulong? handler = circuit.FindEventHandler(action.MarkerName, action.MarkerValue, "on" + action.EventName);
            if (handler is null)
            {
                missing++;
                continue;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                int before = circuit.BatchCount;
                times.Add(await circuit.DispatchEventAndWaitForRenderAsync(handler.Value, action.EventName, action.EventArgs(i), timeout.Token));
                foreach (byte[] batch in circuit.Batches().Skip(before))
                {
                    batches++;
                    bytes += batch.Length;
                    components += RenderBatchReader.UpdatedComponents(batch);
                    replacedHandlers += RenderBatchReader.DisposedEventHandlers(batch).Count;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException or InvalidOperationException)
            {
                failed++;
                Console.WriteLine($"   {action.Description} failed: {e.Message}");
            }
        }

        double per = Math.Max(1, times.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   step action ({action.Description}): {times.Count} timed, {missing} without a handler, {failed} failed; per event {batches / per:F2} render batches, {Kb(bytes / per)}, {components / per:F1} components rendered, {replacedHandlers / per:F1} event handlers replaced"));
        return times;
    }

    /// <summary>Waits until no circuit has received a render batch for two seconds (at most a minute).</summary>
    private static async Task WaitIdleAsync(IReadOnlyList<BlazorCircuit> circuits, CancellationToken cancellation)
    {
        TimeSpan quiet = TimeSpan.FromSeconds(2);
        long deadline = Stopwatch.GetTimestamp() + (long)(60 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long last = circuits.Max(c => c.LastBatchTimestamp);
            if (Stopwatch.GetElapsedTime(last) >= quiet)
            {
                return;
            }

            await Task.Delay(250, cancellation);
        }

        Console.WriteLine("   warning: circuits still rendering after 60 s; measuring anyway");
    }

    private static string Format(HeapSample sample) =>
        $"heap {Mb(sample.HeapBytes)}, live {Mb(sample.LiveBytes)}, RSS {Mb(sample.RssBytes)}";

    private static string Mb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024 / 1024:F1} MB");

    private static string Kb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F0} KB");

    private static string Ratio(double a, double b) => b <= 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{a / b:F2}×");

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F1} ms");

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int index = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public static void PrintTable(IReadOnlyList<AppResult> results, CircuitOptions options)
    {
        AppResult ica = results[0];
        AppResult bare = results[1];
        Console.WriteLine();
        Console.WriteLine($"N = {options.Circuits} idle circuits (after {options.WarmUp} warm-up circuits), full blocking GC before each reading; {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine($"| | bare template ({options.BarePath}) | IcaKms ({options.IcaKmsPath}) | IcaKms / bare |");
        Console.WriteLine("|---|---|---|---|");
        Row("live objects per idle circuit (live_N − live_0)/N: survivors of the full GC, as gcdump counts", Kb(bare.LivePerCircuit), Kb(ica.LivePerCircuit), Ratio(ica.LivePerCircuit, bare.LivePerCircuit));
        Row("managed heap per idle circuit (heap_N − heap_0)/N: generation sizes after the GC, incl. gen0 slack", Kb(bare.HeapPerCircuit), Kb(ica.HeapPerCircuit), Ratio(ica.HeapPerCircuit, bare.HeapPerCircuit));
        Row("RSS per idle circuit (rss_N − rss_0)/N", Kb(bare.RssPerCircuit), Kb(ica.RssPerCircuit), Ratio(ica.RssPerCircuit, bare.RssPerCircuit));
        Row("heap with N circuits held", Mb(bare.Held.HeapBytes), Mb(ica.Held.HeapBytes), Ratio(ica.Held.HeapBytes, bare.Held.HeapBytes));
        Row("RSS with N circuits held", Mb(bare.Held.RssBytes), Mb(ica.Held.RssBytes), Ratio(ica.Held.RssBytes, bare.Held.RssBytes));
        Row("first load, encoded bytes (br, gzip)", $"{Kb(bare.FirstLoad.EncodedBytes)} ({bare.FirstLoad.Requests} requests)", $"{Kb(ica.FirstLoad.EncodedBytes)} ({ica.FirstLoad.Requests} requests)", Ratio(ica.FirstLoad.EncodedBytes, bare.FirstLoad.EncodedBytes));
        Row("GET page → first render batch, median of 10 (protocol only, no script download)", Ms(Percentile(bare.TimesToFirstBatch, 50)), Ms(Percentile(ica.TimesToFirstBatch, 50)), Ratio(Percentile(ica.TimesToFirstBatch, 50).TotalMilliseconds, Percentile(bare.TimesToFirstBatch, 50).TotalMilliseconds));
        Row("render batches per circuit until idle", bare.BatchesPerCircuit.ToString("F1", CultureInfo.InvariantCulture), ica.BatchesPerCircuit.ToString("F1", CultureInfo.InvariantCulture), "");
        if (ica.StepTimes is { Count: > 0 } steps && bare.StepTimes is { Count: > 0 } bareSteps)
        {
            Row("event → render batch with N held, p50 / p95 / p99 (IcaKms: type into the bucket field; bare: click the counter)",
                $"{Ms(Percentile(bareSteps, 50))} / {Ms(Percentile(bareSteps, 95))} / {Ms(Percentile(bareSteps, 99))}",
                $"{Ms(Percentile(steps, 50))} / {Ms(Percentile(steps, 95))} / {Ms(Percentile(steps, 99))}",
                Ratio(Percentile(steps, 95).TotalMilliseconds, Percentile(bareSteps, 95).TotalMilliseconds) + " (p95)");
        }

        if (ica.NextTimes is { Count: > 0 } next)
        {
            Row($"step action \"Next\" with N held (+{options.NextCircuits} circuits with valid inputs), p50 / p95 / p99 (IcaKms: step 1 → step 2)",
                "—",
                $"{Ms(Percentile(next, 50))} / {Ms(Percentile(next, 95))} / {Ms(Percentile(next, 99))}",
                "");
        }

        if (ica.TimesToInteractive is { Count: > 0 } tti && bare.TimesToInteractive is { Count: > 0 } bareTti)
        {
            Row($"time to interactive in Chromium (navigation → first render batch acknowledged, empty cache), median of {tti.Count}",
                Ms(Percentile(bareTti, 50)), Ms(Percentile(tti, 50)), Ratio(Percentile(tti, 50).TotalMilliseconds, Percentile(bareTti, 50).TotalMilliseconds));
        }

        Console.WriteLine();
        foreach (AppResult result in results)
        {
            Console.WriteLine($"first-load assets, {result.Name}: {string.Join("; ", result.FirstLoad.Assets)}");
        }
    }

    private static void Row(string what, string bare, string ica, string ratio) => Console.WriteLine($"| {what} | {bare} | {ica} | {ratio} |");
}
