using Microsoft.Playwright;

namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>
/// Proves, on the page as it is, that the trimmed MudBlazor stylesheet the app links (css/mudblazor.trimmed.css) loses
/// nothing the page needs: every selector of the package's full MudBlazor.min.css that matches an element here (with
/// its state pseudo-classes such as :hover and :focus removed, so the rules of those states count too) is also in the
/// trimmed sheet, in the same media block; and a full-page screenshot is the same with the full sheet in its place,
/// pixel for pixel but for rasterisation noise of two levels. <see cref="Pages.BasePage.SaveScreenshotAsync"/> runs it
/// for every screenshot the suite takes (every step, desktop and phone, and the states the tests stop at).
/// </summary>
public static class TrimmedStylesheetCheck
{
    private const string FullSheetRoute = "_content/MudBlazor/MudBlazor.min.css";

    // Runs in the page. Loads the full sheet beside the trimmed one (media "not all": parsed, not applied), then lists
    // the full sheet's selectors that match an element but are missing from the trimmed sheet.
    private const string MissingSelectorsScript = """
        async (fullRoute) => {
            const trimmed = document.querySelector('link[rel="stylesheet"][href*="mudblazor.trimmed"]');
            const linksFull = document.querySelector('link[href*="MudBlazor.min.css"]:not(#e2e-full-mudblazor)') !== null;
            if (linksFull) return ['(the page links the full MudBlazor.min.css)'];
            if (!trimmed) return null;
            let full = document.getElementById('e2e-full-mudblazor');
            if (!full) {
                full = document.createElement('link');
                full.id = 'e2e-full-mudblazor';
                full.rel = 'stylesheet';
                full.media = 'not all';
                const loaded = new Promise((resolve, reject) => { full.onload = resolve; full.onerror = reject; });
                full.href = fullRoute;
                trimmed.after(full);
                await loaded;
            }
            const split = text => {
                const parts = []; let depth = 0, start = 0;
                for (let i = 0; i < text.length; i++) {
                    const c = text[i];
                    if (c === '(' || c === '[') depth++;
                    else if (c === ')' || c === ']') depth--;
                    else if (c === ',' && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
                }
                parts.push(text.slice(start).trim());
                return parts;
            };
            const selectors = sheet => {
                const found = new Set();
                const walk = (rules, context) => {
                    for (const rule of rules) {
                        if (rule.selectorText !== undefined) {
                            for (const s of split(rule.selectorText)) found.add(context + '|' + s);
                        } else if (rule.cssRules && (rule.media || rule.conditionText !== undefined)) {
                            walk(rule.cssRules, context + '@' + (rule.conditionText ?? rule.media.mediaText));
                        }
                    }
                };
                walk(sheet.cssRules, '');
                return found;
            };
            const state = /::?-(?:webkit|moz|ms)-[a-z-]+(?:\([^)]*\))?|::?(?:before|after|placeholder|selection|first-line|first-letter|marker|backdrop)|:(?:hover|focus-visible|focus-within|focus|active|visited|autofill|placeholder-shown|invalid|valid|target)(?![a-z-])/g;
            const kept = selectors(trimmed.sheet);
            const missing = [];
            for (const key of selectors(full.sheet)) {
                if (kept.has(key)) continue;
                const selector = key.slice(key.indexOf('|') + 1).replace(state, '').trim();
                let matches = false;
                try { matches = selector.length > 0 && !/[>+~]$/.test(selector) && document.querySelector(selector) !== null; } catch { }
                if (matches) missing.push(key);
            }
            return missing;
        }
        """;

    // Puts the full sheet in the trimmed one's place (true) or back (false), and resolves once two frames were painted
    // with it, so a screenshot never catches the page half restyled.
    private const string UseFullSheetScript = """
        async (useFull) => {
            document.querySelector('link[rel="stylesheet"][href*="mudblazor.trimmed"]').media = useFull ? 'not all' : '';
            document.getElementById('e2e-full-mudblazor').media = useFull ? 'all' : 'not all';
            await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        }
        """;

    /// <summary>Screenshot CSS that draws the fixed app bar at the top of the document in a full-page capture.</summary>
    public const string PinnedAppBar = ".mud-appbar { position: absolute !important; }";

    private static readonly PageScreenshotOptions Shot = new()
    {
        FullPage = true,
        Animations = ScreenshotAnimations.Disabled,
        Caret = ScreenshotCaret.Hide,
        // The app bar is fixed: in a full-page capture Chromium paints it wherever the page was scrolled to, which differs
        // between two captures. Pinned to the top of the document it is drawn in one place, and still compared.
        Style = PinnedAppBar,
    };

    /// <summary>
    /// Differing pixels, ignoring a difference of a level or two per channel: the same page rasterised twice can shade an
    /// antialiased rounded corner one level apart; a lost rule moves or recolours far more than that.
    /// </summary>
    private static int Differences(byte[] first, byte[] second) =>
        first.AsSpan().SequenceEqual(second) ? 0 : PngPixels.Decode(first).CountDifferences(PngPixels.Decode(second), tolerance: 2);

    /// <summary>Fails when a MudBlazor selector matching the page is missing, or the page looks different with the full sheet.</summary>
    /// <param name="page">The page, in the state to check.</param>
    /// <param name="name">Names the screenshots saved when the look differs.</param>
    public static async Task VerifyAsync(IPage page, string name)
    {
        string[]? missing = await page.EvaluateAsync<string[]?>(MissingSelectorsScript, FullSheetRoute);
        if (missing is null)
        {
            // A page without MudBlazor's styles (the portal's access-denied page): nothing to compare.
            return;
        }

        Assert.True(missing.Length == 0,
            $"{name}: the trimmed MudBlazor stylesheet lacks selectors that match this page (media|selector): {string.Join("; ", missing.Take(20))}");

        // The page may still be settling (a live check answering): a difference must hold across three pairs of shots.
        byte[] trimmed = [], full = [];
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            trimmed = await page.ScreenshotAsync(Shot);
            await page.EvaluateAsync(UseFullSheetScript, true);
            try
            {
                full = await page.ScreenshotAsync(Shot);
            }
            finally
            {
                await page.EvaluateAsync(UseFullSheetScript, false);
            }

            if (Differences(trimmed, full) == 0)
            {
                return;
            }
        }

        await File.WriteAllBytesAsync(RepoPaths.Screenshot(name + ".trimmed-sheet"), trimmed);
        await File.WriteAllBytesAsync(RepoPaths.Screenshot(name + ".full-sheet"), full);
        Assert.Fail($"{name}: the page looks different with the full MudBlazor stylesheet than with the trimmed one "
            + $"({Differences(trimmed, full)} pixels differ by more than 2 levels): compare {name}.trimmed-sheet.png and {name}.full-sheet.png in {Path.GetDirectoryName(RepoPaths.Screenshot(name))}.");
    }
}
