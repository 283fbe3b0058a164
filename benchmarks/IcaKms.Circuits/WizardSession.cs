using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IcaKms.Circuits;

/// <summary>
/// One person's tab on the wizard, driven over the Blazor protocol: a browser whose storage holds their step 1 inputs
/// (their own bucket, key and folder, as a returning user's does), which connects with their own pasted credentials
/// (posted to the credential hand-off, as icakms.js does), inspects, plans and applies the bucket's part, each by the
/// UI event a person makes (a click, a form submit), waiting for what the page then shows.
/// </summary>
internal sealed partial class WizardSession(LoadUser user, Uri baseUri, HttpClient http) : IAsyncDisposable
{
    private static JsonObject Click() => new() { ["detail"] = 1, ["button"] = 0, ["type"] = "click" };

    private BlazorCircuit? _circuit;

    public LoadUser User { get; } = user;

    /// <summary>What the page said when an action was refused or failed (a rate limit's message, an AWS error).</summary>
    public string? Message { get; private set; }

    /// <summary>How many changes were applied, and how many of them are "done".</summary>
    public (int Applied, int Done) Applied { get; private set; }

    /// <summary>Whether every action went through (set by the run).</summary>
    public bool Finished { get; set; }

    /// <summary>The server's error for the circuit (JS.Error), or why the page could not be followed.</summary>
    public string? CircuitError => _circuit is null ? null : _circuit.Error ?? _circuit.PageError;

    private BlazorCircuit Circuit => _circuit ?? throw new InvalidOperationException("Not open.");

    /// <summary>Opens the tab and waits until the wizard restored the user's inputs from their browser's storage.</summary>
    public async Task OpenAsync(CancellationToken cancellation)
    {
        _circuit = await BlazorCircuit.OpenAsync(http, baseUri, "/", TimeSpan.FromSeconds(120), cancellation, AnswerJs, PostCredentialsAsync);
        await Circuit.WaitForPageAsync(page => page.Elements().FirstOrDefault(e => e.Tag == "input" && e.Attribute("value") == User.BucketName), cancellation);
    }

    /// <summary>Connect to AWS → the form → submit; ends when the panel names the caller (true) or shows an error (false).</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellation)
    {
        await ClickAsync(page => Button(page.ByTestId("connection-panel"), "Connect to AWS"), cancellation);
        PageElement form = await Circuit.WaitForPageAsync(page => page.Elements().FirstOrDefault(e => e.Tag == "form" && e.Handlers.ContainsKey("onsubmit")), cancellation);
        Task<string> handled = await Circuit.SendEventAsync(Handler(form, "onsubmit"), "submit", new JsonObject { ["type"] = "submit" }, cancellation);
        PageElement shown = await Circuit.WaitForPageAsync(page =>
            page.ByTestId("connected-identity") ?? page.ByTestId("connection-panel")?.Elements().FirstOrDefault(e => e.Attribute("role") == "alert"), cancellation);
        await handled.WaitAsync(cancellation);
        return Outcome(shown, "connected-identity");
    }

    /// <summary>Inspect bucket and key; ends when the live checks are shown (true) or the inspection was refused (false).</summary>
    public async Task<bool> InspectAsync(CancellationToken cancellation)
    {
        Task<string> handled = await ClickAsync(page => Button(page.ByTestId("bucket-live-panel"), "Inspect bucket and key"), cancellation);
        await handled.WaitAsync(cancellation);
        PageElement shown = await Circuit.WaitForPageAsync(page =>
            page.ByTestId("inspection-refusal") ?? (Inspecting(page) ? null : page.ByTestId("live-checks")), cancellation);
        return Outcome(shown, "live-checks");
    }

    /// <summary>Plan the changes of the bucket's part; ends when the plan is shown; the number of changes (0 when refused).</summary>
    public async Task<int> PlanAsync(CancellationToken cancellation)
    {
        Task<string> handled = await ClickAsync(page => Button(page.ByTestId("plan-bucket"), "Plan the changes"), cancellation);
        await handled.WaitAsync(cancellation);
        PageElement panel = await Circuit.WaitForPageAsync(page => page.ByTestId("plan-bucket") is { } p
            && p.Elements().Any(e => e.Attribute("data-testid") is "planned-change" or "plan-nothing" or "plan-blocker" or "inspection-refusal") ? p : null, cancellation);
        int changes = panel.Elements().Count(e => e.Attribute("data-testid") == "planned-change");
        if (changes == 0)
        {
            Message = panel.TextContent();
        }

        return changes;
    }

    /// <summary>Apply N changes… → Confirm and apply; ends when every change has an outcome.</summary>
    public async Task<bool> ApplyAsync(int changes, CancellationToken cancellation)
    {
        await ClickAsync(page => Button(page.ByTestId("plan-bucket"), changes == 1 ? "Apply 1 change…" : $"Apply {changes} changes…"), cancellation);
        Task<string> handled = await ClickAsync(page => Button(page.ByTestId("plan-confirm"), "Confirm and apply"), cancellation);
        await handled.WaitAsync(cancellation);
        List<string> outcomes = await Circuit.WaitForPageAsync(page =>
            page.ByTestId("apply-result") is { } result && result.Elements().Count(e => e.Attribute("data-testid") == "applied-change") is var n && n >= changes
                ? result.Elements().Where(e => e.Attribute("data-testid") == "applied-change").Select(e => e.TextContent()).ToList()
                : null, cancellation);
        int done = outcomes.Count(text => text.Contains("— done", StringComparison.Ordinal));
        Applied = (outcomes.Count, done);
        if (done != outcomes.Count)
        {
            Message = string.Join(" | ", outcomes);
        }

        return done == changes;
    }

    /// <summary>The text of an element of the page by its <c>data-testid</c> (empty when it is not there).</summary>
    public string TextOf(string testId) => Circuit.ReadPage(page => page.ByTestId(testId) is { } e ? Whitespace().Replace(e.TextContent(), " ").Trim() : "");

    /// <summary>The page's whole text now.</summary>
    public string Text() => Circuit.ReadPage(page => page.TextContent());

    /// <summary>The bucket names of load users the page shows (its own only, unless sessions were mixed up).</summary>
    public IReadOnlySet<string> BucketsShown() => LoadUser.BucketPattern().Matches(Text()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Times an action.</summary>
    public static async Task<(T Result, TimeSpan Elapsed)> TimeAsync<T>(Func<Task<T>> action)
    {
        long started = Stopwatch.GetTimestamp();
        T result = await action();
        return (result, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Closes the tab (the disconnect beacon, then the connection), as a person closing it does.</summary>
    public async Task CloseAsync(CancellationToken cancellation)
    {
        if (_circuit is not null)
        {
            await _circuit.CloseAsync(http, baseUri, cancellation);
            _circuit = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_circuit is not null)
        {
            await _circuit.DisposeAsync();
        }
    }

    private bool Outcome(PageElement shown, string success)
    {
        if (shown.Attribute("data-testid") == success)
        {
            return true;
        }

        Message = Whitespace().Replace(shown.TextContent(), " ").Trim();
        return false;
    }

    private static bool Inspecting(RenderedPage page) => page.Elements().Any(e => e.Attribute("aria-label") == "Inspecting");

    /// <summary>The enabled button under <paramref name="scope"/> whose text is <paramref name="text"/>, or null.</summary>
    private static PageElement? Button(PageElement? scope, string text) => scope?.Elements().FirstOrDefault(e =>
        e.Tag == "button" && e.Handlers.ContainsKey("onclick") && !e.Attributes.ContainsKey("disabled")
        && Whitespace().Replace(e.TextContent(), " ").Trim() == text);

    /// <summary>Waits until the button is there and enabled, and clicks it; the task of its handler.</summary>
    private async Task<Task<string>> ClickAsync(Func<RenderedPage, PageElement?> button, CancellationToken cancellation)
    {
        PageElement found = await Circuit.WaitForPageAsync(button, cancellation);
        ulong handler = Circuit.ReadPage(_ => Handler(found, "onclick"));
        return await Circuit.SendEventAsync(handler, "click", Click(), cancellation);
    }

    private static ulong Handler(PageElement element, string name) =>
        element.Handlers.TryGetValue(name, out ulong id) ? id : throw new InvalidOperationException($"<{element.Tag}> has no {name} handler.");

    /// <summary>The browser's storage: the user's step 1 inputs (as WizardStorage keeps them).</summary>
    private string? AnswerJs(string identifier, string argsJson) =>
        identifier == "icakms.load" && JsonNode.Parse(argsJson)?[0]?.GetValue<string>() == "icakms.inputs.v1"
            ? JsonSerializer.Serialize(new JsonObject
            {
                ["awsRegion"] = "us-east-1",
                ["bucketName"] = User.BucketName,
                ["keyArn"] = User.KeyArn,
                ["keyPrefix"] = "ica/",
            }.ToJsonString())
            : null;

    /// <summary>icakms.postCredentials(form, ticket): posts the user's credentials with the ticket, as icakms.js does.</summary>
    private async Task<string?> PostCredentialsAsync(string identifier, string argsJson)
    {
        if (identifier != "icakms.postCredentials")
        {
            return null;
        }

        string ticket = JsonNode.Parse(argsJson)?[1]?.GetValue<string>() ?? "";
        try
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync(new Uri(baseUri, "aws/credentials"), new
            {
                ticket,
                accessKeyId = User.AccessKeyId,
                secretAccessKey = LoadUser.Secret,
                sessionToken = LoadUser.Token,
                icaApiKey = "",
            });
            return response.StatusCode == System.Net.HttpStatusCode.NoContent ? "true" : "false";
        }
        catch (HttpRequestException)
        {
            return "false";
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>A load user: their own access key (and caller ARN in the fake account), bucket and KMS key.</summary>
internal sealed partial record LoadUser(int Number)
{
    public const string Secret = "LoadBenchmarkSecret/0123456789abcdefghij";
    public const string Token = "LoadBenchmarkToken0123456789";
    public const string Account = "111122223333";

    public string AccessKeyId => $"ASIALOAD{Number:D12}";

    public string CallerArn => $"arn:aws:sts::{Account}:assumed-role/IcaKmsAdmin/load-user-{Number}";

    public string BucketName => $"load-b{Number}-ica";

    public string KeyArn => $"arn:aws:kms:us-east-1:{Account}:key/{Number:x8}-0000-4000-8000-000000000000";

    [GeneratedRegex(@"load-b\d+-ica")]
    public static partial Regex BucketPattern();
}
