using System.Text.RegularExpressions;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>Reads the error code out of an S3 error answer's XML body (<c>&lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;</c>).</summary>
internal static partial class S3ErrorBody
{
    /// <summary>The code of an S3 error body, or null when <paramref name="body"/> holds none.</summary>
    public static string? Code(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        Match match = CodeElement().Match(body);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex("<Code>([^<]{1,128})</Code>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CodeElement();
}
