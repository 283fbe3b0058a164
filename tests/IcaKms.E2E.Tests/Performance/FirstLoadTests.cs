using System.Globalization;
using System.Text;
using System.Text.Json;
using IcaKms.E2E.Tests.Infrastructure;
using IcaKms.E2E.Tests.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IcaKms.E2E.Tests.Performance;

/// <summary>
/// What a first visit costs on the wire, measured by Chromium itself (CDP Network events): every request
/// stays on 127.0.0.1 and the total stays within a budget, so a CDN font or a huge asset fails the build.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class FirstLoadTests(AppServer app, BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>Generous: a regression such as a web font, an icon set or an unminified bundle goes well past it.</summary>
    private const long BudgetBytes = 2_500_000;

    [Fact]
    public async Task FirstLoad_StaysOnLoopbackAndWithinBudget()
    {
        IPage page = await browser.NewPageAsync(app.BaseUrl);
        await using IBrowserContext context = page.Context;
        var recorder = new NetworkRecorder();
        ICDPSession cdp = await context.NewCDPSessionAsync(page);
        recorder.Attach(cdp);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });

        var wizard = new WizardPage(page, app.BaseUrl);
        await wizard.OpenAsync();
        await cdp.DetachAsync();

        IReadOnlyList<RecordedTransfer> transfers = recorder.Transfers();
        string report = Report(transfers);
        string path = Path.Combine(RepoPaths.TestResults, "first-load.txt");
        Directory.CreateDirectory(RepoPaths.TestResults);
        await File.WriteAllTextAsync(path, report);
        output.WriteLine(report);

        Assert.Contains(transfers, t => t.Kind == TransferKind.WebSocket);
        Assert.All(transfers, t => Assert.Equal("127.0.0.1", new Uri(t.Url).Host));
        Assert.All(transfers.Where(t => t.Kind == TransferKind.Http), t => Assert.True(t.Finished, $"{t.Url} did not finish loading."));
        long total = transfers.Sum(t => t.Bytes);
        Assert.True(total <= BudgetBytes, $"The first load transferred {total:N0} bytes, over the {BudgetBytes:N0}-byte budget: see {path}.");
    }

    private static string Report(IReadOnlyList<RecordedTransfer> transfers)
    {
        long http = transfers.Where(t => t.Kind == TransferKind.Http).Sum(t => t.Bytes);
        long socket = transfers.Where(t => t.Kind == TransferKind.WebSocket).Sum(t => t.Bytes);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"First load of / until the wizard is interactive: {http + socket:N0} bytes on the wire");
        text.AppendLine(CultureInfo.InvariantCulture, $"  HTTP (encodedDataLength: compressed body + headers): {http:N0} bytes in {transfers.Count(t => t.Kind == TransferKind.Http)} requests");
        text.AppendLine(CultureInfo.InvariantCulture, $"  WebSocket (frame payloads, both ways, until interactive): {socket:N0} bytes");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Budget: {BudgetBytes:N0} bytes");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Bytes",10}  {"Status",6}  {"Encoding",-8}  {"Type",-10}  URL");
        foreach (RecordedTransfer t in transfers.OrderByDescending(t => t.Bytes))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{t.Bytes,10:N0}  {t.Status,6}  {t.ContentEncoding,-8}  {t.Type,-10}  {t.Url}");
        }

        return text.ToString();
    }

    private enum TransferKind
    {
        Http,
        WebSocket,
    }

    private sealed record RecordedTransfer(TransferKind Kind, string Url, string Type, string Status, string ContentEncoding, long Bytes, bool Finished);

    /// <summary>Collects CDP Network events (raised on Playwright's connection thread) per request id.</summary>
    private sealed class NetworkRecorder
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, Entry> _entries = [];

        public void Attach(ICDPSession cdp)
        {
            cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) => On(e, (entry, json) =>
            {
                entry.Url = json.GetProperty("request").GetProperty("url").GetString() ?? string.Empty;
                entry.Type = json.TryGetProperty("type", out JsonElement type) ? type.GetString() ?? string.Empty : string.Empty;
            });
            cdp.Event("Network.responseReceived").OnEvent += (_, e) => On(e, (entry, json) =>
            {
                JsonElement response = json.GetProperty("response");
                entry.Status = response.GetProperty("status").GetInt32().ToString(CultureInfo.InvariantCulture);
                entry.ContentEncoding = Header(response, "content-encoding");
            });
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) => On(e, (entry, json) =>
            {
                entry.Bytes = (long)json.GetProperty("encodedDataLength").GetDouble();
                entry.Finished = true;
            });
            cdp.Event("Network.loadingFailed").OnEvent += (_, e) => On(e, (entry, json) =>
                entry.Status = "failed: " + json.GetProperty("errorText").GetString());
            cdp.Event("Network.webSocketCreated").OnEvent += (_, e) => On(e, (entry, json) =>
            {
                entry.Url = json.GetProperty("url").GetString() ?? string.Empty;
                entry.Type = "WebSocket";
                entry.IsSocket = true;
            });
            cdp.Event("Network.webSocketHandshakeResponseReceived").OnEvent += (_, e) => On(e, (entry, json) =>
                entry.Status = json.GetProperty("response").GetProperty("status").GetInt32().ToString(CultureInfo.InvariantCulture));
            cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => On(e, (entry, json) => entry.Bytes += FrameBytes(json));
            cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => On(e, (entry, json) => entry.Bytes += FrameBytes(json));
        }

        public IReadOnlyList<RecordedTransfer> Transfers()
        {
            lock (_gate)
            {
                return
                [
                    .. _entries.Values
                        // data: URLs (the inline favicon) never touch the network.
                        .Where(e => !e.Url.StartsWith("data:", StringComparison.Ordinal))
                        .Select(e => new RecordedTransfer(
                            e.IsSocket ? TransferKind.WebSocket : TransferKind.Http,
                            e.Url,
                            e.Type,
                            e.Status,
                            e.ContentEncoding,
                            e.Bytes,
                            e.Finished || e.IsSocket)),
                ];
            }
        }

        private static string Header(JsonElement response, string name) =>
            response.TryGetProperty("headers", out JsonElement headers)
                ? headers.EnumerateObject().FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.ToString()
                : string.Empty;

        private static long FrameBytes(JsonElement json)
        {
            JsonElement frame = json.GetProperty("response");
            string payload = frame.GetProperty("payloadData").GetString() ?? string.Empty;
            // Opcode 1 is text (UTF-8 on the wire); the others (binary: Blazor's MessagePack) arrive base64-encoded.
            return frame.GetProperty("opcode").GetDouble() == 1
                ? Encoding.UTF8.GetByteCount(payload)
                : (payload.Length * 3 / 4) - payload.Count(c => c == '=');
        }

        private void On(JsonElement? e, Action<Entry, JsonElement> update)
        {
            if (e is not { } json || !json.TryGetProperty("requestId", out JsonElement id))
            {
                return;
            }

            lock (_gate)
            {
                string key = id.GetString()!;
                if (!_entries.TryGetValue(key, out Entry? entry))
                {
                    entry = new Entry();
                    _entries.Add(key, entry);
                }

                update(entry, json);
            }
        }

        private sealed class Entry
        {
            public string Url { get; set; } = string.Empty;

            public string Type { get; set; } = string.Empty;

            public string Status { get; set; } = string.Empty;

            public string ContentEncoding { get; set; } = string.Empty;

            public long Bytes { get; set; }

            public bool Finished { get; set; }

            public bool IsSocket { get; set; }
        }
    }
}
