using System.Text.RegularExpressions;

namespace IcaKms.Core.Validation;

/// <summary>The IAM user whose access key ICA holds (optional: its attached policies are checked when connected).</summary>
public static partial class IamUserNameRule
{
    /// <summary>The most characters checked: longer text is refused as too long.</summary>
    public const int MaxInputLength = InputLimits.Name;

    /// <summary>Checks an IAM user name (1–64 of letters, digits and <c>+=,.@_-</c>); empty is allowed.</summary>
    /// <param name="input">What the user typed.</param>
    public static FieldValidation Validate(string? input)
    {
        if (InputLimits.Check(input, MaxInputLength, "The user name") is { } tooLong)
        {
            return tooLong;
        }

        string name = (input ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            return FieldValidation.Ok(string.Empty);
        }

        if (name.StartsWith("arn:", StringComparison.Ordinal))
        {
            return FieldValidation.Fail(input!, "Enter the user name only (the part after user/), not the user's ARN.");
        }

        return UserNamePattern().IsMatch(name)
            ? FieldValidation.Ok(name)
            : FieldValidation.Fail(input!, "An IAM user name has 1 to 64 letters, digits and + = , . @ _ - characters.");
    }

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();
}
