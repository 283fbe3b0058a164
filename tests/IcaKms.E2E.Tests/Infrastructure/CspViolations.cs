using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>
/// Records every Content-Security-Policy violation of a page, twice over: the browser console's CSP errors and the
/// document's <c>securitypolicyviolation</c> events (which name the directive and the blocked URI).
/// </summary>
public sealed class CspViolations
{
    private const string Listener = """
        (() => {
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
                `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber}`));
        })();
        """;

    private readonly ConcurrentQueue<string> _console = new();
    private readonly IPage _page;

    private CspViolations(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
            {
                _console.Enqueue($"{message.Type}: {message.Text}");
            }
        };
    }

    /// <summary>Starts recording on <paramref name="page"/> (before it loads anything).</summary>
    public static async Task<CspViolations> WatchAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.AddInitScriptAsync(Listener);
        return new CspViolations(page);
    }

    /// <summary>Every violation so far: console messages, then the current document's events.</summary>
    public async Task<IReadOnlyList<string>> AllAsync()
    {
        string[] events = await _page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        return [.. _console, .. events];
    }
}
