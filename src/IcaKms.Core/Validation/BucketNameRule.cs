using System.Text.RegularExpressions;

namespace IcaKms.Core.Validation;

/// <summary>
/// The S3 general purpose bucket naming rules (S3 user guide "bucketnamingrules"), with one message per broken rule.
/// </summary>
public static partial class BucketNameRule
{
    /// <summary>The shortest bucket name S3 allows.</summary>
    public const int MinLength = 3;

    /// <summary>The longest bucket name S3 allows.</summary>
    public const int MaxLength = 63;

    /// <summary>The most characters checked: longer text is refused as too long.</summary>
    public const int MaxInputLength = InputLimits.Name;

    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];

    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Checks a bucket name; the value is the trimmed name.</summary>
    /// <param name="input">What the user typed.</param>
    public static FieldValidation Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return FieldValidation.Fail(input ?? "", "The bucket name is required: enter the name of your S3 bucket.");
        }

        if (InputLimits.Check(input, MaxInputLength, "The bucket name") is { } tooLong)
        {
            return tooLong;
        }

        string name = input.Trim();
        string? error = FindError(name);
        if (error is not null)
        {
            return FieldValidation.Fail(input, error);
        }

        return name.Contains('.', StringComparison.Ordinal)
            ? FieldValidation.Ok(name, "Names with dots break HTTPS for virtual-hosted-style addresses (the certificate does not match); prefer hyphens for a new bucket.")
            : FieldValidation.Ok(name);
    }

    private static string? FindError(string name)
    {
        if (name.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return "Enter just the bucket name, without 's3://' in front.";
        }

        if (name.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            return "Enter just the bucket name, not an ARN (the part after 'arn:aws:s3:::').";
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            return "Enter just the bucket name without '/', a URL or a folder (the folder goes in Key prefix).";
        }

        if (name.Any(char.IsAsciiLetterUpper))
        {
            string lower = name.ToLowerInvariant();
            return FindError(lower) is null
                ? $"Bucket names cannot contain capital letters: use lowercase, such as {InputText.Quote(lower)}."
                : "Bucket names cannot contain capital letters: use only lowercase letters, digits, dots and hyphens.";
        }

        int bad = InputText.IndexOfFirstNot(name, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
        if (bad >= 0)
        {
            return $"The bucket name contains {InputText.DescribeAt(name, bad)}: use only lowercase letters, digits, dots and hyphens.";
        }

        if (name.Length is < MinLength or > MaxLength)
        {
            return $"The bucket name has {name.Length} characters: it must be {MinLength} to {MaxLength} characters long.";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "The bucket name must begin and end with a letter or digit, not a dot or hyphen.";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "The bucket name must not contain two dots in a row ('..').";
        }

        if (Ipv4Form().IsMatch(name))
        {
            return "The bucket name must not look like an IP address (such as 192.168.5.4).";
        }

        string? prefix = Array.Find(ReservedPrefixes, p => name.StartsWith(p, StringComparison.Ordinal));
        if (prefix is not null)
        {
            return $"Bucket names starting with '{prefix}' are reserved by AWS: choose another name.";
        }

        string? suffix = Array.Find(ReservedSuffixes, s => name.EndsWith(s, StringComparison.Ordinal));
        return suffix is not null ? $"Bucket names ending with '{suffix}' are reserved by AWS: choose another name." : null;
    }

    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{1,3}){3}$")]
    private static partial Regex Ipv4Form();
}
