namespace IcaKms.Core.Policies;

/// <summary>A single pass over raw policy text: IAM's character count, nesting depth and broken UTF-16.</summary>
/// <param name="CharacterCount">Characters that IAM counts: everything but whitespace outside JSON strings.</param>
/// <param name="MaxDepth">The deepest nesting of objects and arrays.</param>
/// <param name="HasUnpairedSurrogate">True when the text holds half a surrogate pair, which is not Unicode text.</param>
internal readonly record struct PolicyText(int CharacterCount, int MaxDepth, bool HasUnpairedSurrogate)
{
    /// <summary>Measures the text; tolerant of anything, including text that is not JSON.</summary>
    public static PolicyText Measure(string text)
    {
        int count = 0;
        int depth = 0;
        int maxDepth = 0;
        bool inString = false;
        bool escaped = false;
        bool unpaired = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool brokenHigh = char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]));
            bool brokenLow = char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
            unpaired |= brokenHigh || brokenLow;

            if (inString)
            {
                count++;
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            count++;
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    maxDepth = Math.Max(maxDepth, ++depth);
                    break;
                case '}' or ']':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return new PolicyText(count, maxDepth, unpaired);
    }
}
