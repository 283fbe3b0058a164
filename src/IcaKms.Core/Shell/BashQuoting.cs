namespace IcaKms.Core.Shell;

/// <summary>
/// Quotes one value as one bash word, as Python's <c>shlex.quote</c> does: a value made only of
/// <c>A-Z a-z 0-9 @ % + = : , . / _ -</c> stays bare, anything else is single-quoted with each embedded
/// <c>'</c> written <c>'\''</c>. Inside single quotes bash expands nothing (<c>$(…)</c>, backticks,
/// <c>$VAR</c>, <c>!</c>, line breaks all stay literal), so the value reaches the program unchanged.
/// </summary>
public static class BashQuoting
{
    /// <summary>The value as one bash word.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value.All(IsSafe))
        {
            return value;
        }

        return "'" + value.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c, StringComparison.Ordinal);
}
