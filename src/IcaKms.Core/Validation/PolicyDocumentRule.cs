using System.Globalization;

namespace IcaKms.Core.Validation;

/// <summary>A policy document pasted or opened to be checked: at most <see cref="MaxLength"/> characters.</summary>
public static class PolicyDocumentRule
{
    /// <summary>The most characters checked (see <see cref="InputLimits.PolicyDocument"/>).</summary>
    public const int MaxLength = InputLimits.PolicyDocument;

    /// <summary>
    /// The largest file read: <see cref="MaxLength"/> characters of UTF-8 take at most three bytes each (a pair of
    /// surrogates takes four bytes for two characters), plus a byte order mark. A file within this can still decode
    /// to too many characters; that is reported by <see cref="Validate"/>.
    /// </summary>
    public const long MaxFileBytes = (3L * MaxLength) + 3;

    /// <summary>Checks the size of the text (its content is the summary check's business); the value is the text.</summary>
    /// <param name="text">The pasted or decoded text.</param>
    public static FieldValidation Validate(string? text) =>
        InputLimits.Check(text, MaxLength, "The policy") ?? FieldValidation.Ok(text ?? string.Empty);

    /// <summary>Why a file was refused before reading it: it is larger than <see cref="MaxFileBytes"/>.</summary>
    /// <param name="fileName">The file's name.</param>
    /// <param name="size">Its size in bytes.</param>
    public static string FileTooLarge(string fileName, long size) => string.Format(
        CultureInfo.InvariantCulture,
        "{0} is {1:N0} bytes, too large: a policy file is at most {2:N0} characters (a KMS key policy at most 32,768, an IAM policy 6,144), so it was not opened.",
        InputText.Shorten(fileName),
        size,
        MaxLength);
}
