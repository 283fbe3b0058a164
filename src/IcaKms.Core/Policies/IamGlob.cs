namespace IcaKms.Core.Policies;

/// <summary>IAM's wildcard matching: <c>*</c> matches any run of characters (none included), <c>?</c> exactly one.</summary>
internal static class IamGlob
{
    /// <summary>True when the text holds a wildcard.</summary>
    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Whether <paramref name="pattern"/> matches all of <paramref name="value"/>.</summary>
    /// <param name="pattern">The pattern as written in the policy.</param>
    /// <param name="value">A literal action or ARN.</param>
    /// <param name="ignoreCase">True for actions (IAM compares them case-insensitively), false for ARNs.</param>
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        // Greedy match that backtracks only to the last star: linear in practice, O(n·m) at worst, never recursive.
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
