using System.Text;
using System.Text.RegularExpressions;

namespace IcaKms.Web.Tests.Styles;

/// <summary>
/// Makes the app's MudBlazor stylesheet (wwwroot/css/mudblazor.trimmed.css) from the package's own MudBlazor.min.css:
/// the same rules in the same order, less the selectors of components the app never renders (<see cref="DroppedComponents"/>)
/// and the breakpoint variants of the spacing utilities (<c>.mt-sm-4</c>, <c>.gap-md-2</c>…), which nothing in the app
/// uses. A selector is dropped only from its own list; a rule goes when none of its selectors is left, an at-rule block
/// (<c>@media</c>, <c>@supports</c>) when none of its rules is left. Everything else (keyframes, comments, the rules of
/// every other component with their states and media queries) is copied as it is.
/// </summary>
public static partial class MudStylesheetTrimmer
{
    /// <summary>
    /// Class prefixes of MudBlazor components IcaKms never renders: a selector naming <c>.prefix</c> or <c>.prefix-…</c>
    /// cannot match anything on its pages. Inputs, select, list, menu, popover, overlay, snackbar, chips, tables and
    /// the utilities stay (other work may start using them).
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedComponents =
    [
        "mud-application-layout", "mud-avatar", "mud-badge", "mud-breadcrumb", "mud-breadcrumbs", "mud-button-group",
        "mud-carousel", "mud-chart", "mud-data-grid", "mud-datagrid", "mud-day", "mud-dialog", "mud-drawer",
        "mud-drop-item", "mud-drop-zone", "mud-dynamic-tabs", "mud-fab", "mud-file-upload", "mud-hour", "mud-nav-group",
        "mud-nav-item", "mud-nav-link", "mud-navmenu", "mud-pagination", "mud-picker", "mud-range", "mud-rating",
        "mud-scroll-to", "mud-skeleton", "mud-slider", "mud-split-panel", "mud-swipearea", "mud-tab", "mud-table-pagination",
        "mud-tablepager", "mud-tabs", "mud-time-picker", "mud-timeline", "mud-timepicker", "mud-toggle-group",
        "mud-toggle-item", "mud-tooltip", "mud-treeview",
        "mud-xs-table", "mud-sm-table", "mud-md-table", "mud-lg-table", "mud-xl-table", "mud-xxl-table",
    ];

    // After DroppedComponents: static fields initialise in order.
    private static readonly Regex DroppedComponentClass = new(
        @"\.(?:" + string.Join('|', DroppedComponents.Select(Regex.Escape)) + @")(?:-[A-Za-z0-9_-]*)?(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant);

    /// <summary>A spacing utility for one breakpoint up: margin, padding or gap, e.g. <c>.mt-sm-4</c>, <c>.px-md-n2</c>, <c>.ma-lg-auto</c>.</summary>
    [GeneratedRegex(@"^\.(?:[mp][trblxyase]?|gap)-(?:xs|sm|md|lg|xl|xxl)-(?:n?\d+|auto)$")]
    private static partial Regex BreakpointSpacingUtility();

    /// <summary>Whether a selector (one of a list) names a component in <see cref="DroppedComponents"/> or is a breakpoint spacing utility.</summary>
    public static bool Drops(string selector)
    {
        string trimmed = selector.Trim();
        return DroppedComponentClass.IsMatch(trimmed) || BreakpointSpacingUtility().IsMatch(trimmed);
    }

    /// <summary>The stylesheet without the dropped selectors, after a comment saying where it comes from.</summary>
    /// <param name="css">MudBlazor.min.css as the package ships it.</param>
    /// <param name="source">Named in the header comment, e.g. "MudBlazor 9.12.0 staticwebassets/MudBlazor.min.css".</param>
    public static string Trim(string css, string source)
    {
        var output = new StringBuilder(css.Length / 2);
        output.Append("/* Generated from ").Append(source)
            .Append(" by scripts/trim-mudblazor-css.sh (tests/IcaKms.Web.Tests/Styles/MudStylesheetTrimmer.cs): do not edit. */\n");
        AppendBlocks(output, css.TrimStart('\uFEFF'));
        return output.ToString();
    }

    private static void AppendBlocks(StringBuilder output, string css)
    {
        int i = 0;
        while (i < css.Length)
        {
            if (css.AsSpan(i).StartsWith("/*"))
            {
                int end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? css.Length : end + 2;
                output.Append(css, i, end - i);
                i = end;
                continue;
            }

            int open = IndexOutsideStrings(css, '{', i);
            if (open < 0)
            {
                output.Append(css.AsSpan(i).Trim());
                return;
            }

            int close = MatchingBrace(css, open);
            string prelude = css[i..open].Trim();
            string body = css[(open + 1)..close];
            i = close + 1;
            if (prelude.StartsWith('@'))
            {
                if (prelude.StartsWith("@media", StringComparison.Ordinal) || prelude.StartsWith("@supports", StringComparison.Ordinal)
                    || prelude.StartsWith("@container", StringComparison.Ordinal) || prelude.StartsWith("@layer", StringComparison.Ordinal))
                {
                    var inner = new StringBuilder();
                    AppendBlocks(inner, body);
                    if (inner.Length > 0)
                    {
                        output.Append(prelude).Append('{').Append(inner).Append('}');
                    }
                }
                else
                {
                    // Keyframes, font faces, @-moz-document: copied whole.
                    output.Append(prelude).Append('{').Append(body).Append('}');
                }

                continue;
            }

            List<string> kept = SplitSelectors(prelude).Where(selector => !Drops(selector)).ToList();
            if (kept.Count > 0)
            {
                output.AppendJoin(',', kept).Append('{').Append(body).Append('}');
            }
        }
    }

    /// <summary>The selectors of a list, split at top-level commas (not those inside <c>:is(…)</c> or <c>[…]</c>).</summary>
    internal static List<string> SplitSelectors(string list)
    {
        var selectors = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    selectors.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }

        selectors.Add(list[start..]);
        return selectors;
    }

    private static int IndexOutsideStrings(string css, char wanted, int from)
    {
        for (int i = from; i < css.Length; i++)
        {
            char c = css[i];
            if (c is '"' or '\'')
            {
                i = css.IndexOf(c, i + 1);
                if (i < 0)
                {
                    return -1;
                }
            }
            else if (c == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    private static int MatchingBrace(string css, int open)
    {
        int depth = 0;
        for (int i = open; i < css.Length; i++)
        {
            char c = css[i];
            if (c is '"' or '\'')
            {
                i = css.IndexOf(c, i + 1);
                if (i < 0)
                {
                    break;
                }
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"Unbalanced '{{' at {open} in the stylesheet.");
    }
}
