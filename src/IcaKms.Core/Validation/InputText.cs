using System.Globalization;
using System.Text;

namespace IcaKms.Core.Validation;

/// <summary>Shared wording helpers for the input rules: quoting what was typed without echoing a huge paste.</summary>
internal static class InputText
{
    /// <summary>The most characters of an input a message quotes.</summary>
    public const int MaxQuoted = 40;

    /// <summary>The input in single quotes, shortened as <see cref="Shorten"/> does.</summary>
    public static string Quote(string input) => $"'{Shorten(input)}'";

    /// <summary>The input cut to <see cref="MaxQuoted"/> characters (with an ellipsis), invisible characters shown as codes.</summary>
    public static string Shorten(string input)
    {
        bool cut = input.Length > MaxQuoted;
        var builder = new StringBuilder();
        foreach (char c in cut ? input[..MaxQuoted] : input)
        {
            builder.Append(IsInvisible(c) || char.IsSurrogate(c) ? Code(c) : c.ToString());
        }

        return cut ? $"{builder}…" : builder.ToString();
    }

    /// <summary>The character at <paramref name="index"/> named for a person, e.g. <c>'é' (U+00E9)</c> or <c>a space</c>.</summary>
    public static string DescribeAt(string text, int index)
    {
        char c = text[index];
        if (c == ' ')
        {
            return "a space";
        }

        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            int codePoint = char.ConvertToUtf32(c, text[index + 1]);
            return $"'{text.Substring(index, 2)}' (U+{codePoint:X4})";
        }

        if (IsInvisible(c) || char.IsSurrogate(c))
        {
            return $"the invisible character {Code(c)}";
        }

        return c > '\u007e' ? $"'{c}' ({Code(c)})" : $"'{c}'";
    }

    /// <summary>Index of the first character that <paramref name="allowed"/> rejects, or -1.</summary>
    public static int IndexOfFirstNot(string text, Func<char, bool> allowed)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!allowed(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True for characters that show as nothing or as blank: controls, zero-width and other format characters, odd spaces.</summary>
    public static bool IsInvisible(char c) =>
        char.IsControl(c)
        || (c != ' ' && char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static string Code(char c) => $"U+{(int)c:X4}";
}
