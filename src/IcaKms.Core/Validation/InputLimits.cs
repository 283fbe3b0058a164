using System.Globalization;

namespace IcaKms.Core.Validation;

/// <summary>
/// The most characters each kind of input field takes. Each rule refuses longer text with "too long: at most N
/// characters", and the web page caps each field at its limit plus one character, so the browser never sends more
/// than one message of bounded size per keystroke and over-limit text is reported, never checked.
/// </summary>
public static class InputLimits
{
    /// <summary>Any ARN field: IAM allows ARNs of up to 2,048 characters.</summary>
    public const int Arn = 2048;

    /// <summary>Any name field (bucket, user, configuration): real ones are at most 64 characters; this leaves room for a paste to be explained.</summary>
    public const int Name = 256;

    /// <summary>The key prefix: its rule refuses more than 1,000 UTF-8 bytes anyway, so more characters than this never pass.</summary>
    public const int KeyPrefix = 1024;

    /// <summary>
    /// A pasted or opened policy document: twice the largest real one (a KMS key policy holds at most 32,768
    /// characters; an IAM managed policy 6,144 without whitespace), so any real policy fits even pretty-printed.
    /// </summary>
    public const int PolicyDocument = 65_536;

    /// <summary>The longest single-line field (the default cap of a text field).</summary>
    public const int LongestLine = Arn;

    /// <summary>The longest field of all: what a single message from the browser may have to carry.</summary>
    public const int LongestField = PolicyDocument;

    /// <summary>True when the text is over the limit.</summary>
    public static bool IsTooLong(string? input, int limit) => input is not null && input.Length > limit;

    /// <summary>The message for text over the limit: "… is too long: at most N characters (M entered)…".</summary>
    /// <param name="what">What the field holds, capitalized, e.g. "The key ARN".</param>
    /// <param name="length">How many characters were entered.</param>
    /// <param name="limit">The field's limit.</param>
    public static string TooLongMessage(string what, int length, int limit) => string.Format(
        CultureInfo.InvariantCulture,
        "{0} is too long: at most {1:N0} characters ({2:N0} entered), so it was not checked.",
        what,
        limit,
        length);

    /// <summary>A failed validation when the text is over the limit, else null.</summary>
    internal static FieldValidation? Check(string? input, int limit, string what) =>
        IsTooLong(input, limit) ? FieldValidation.Fail(input!, TooLongMessage(what, input!.Length, limit)) : null;
}
