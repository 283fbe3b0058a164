namespace IcaKms.Core.Validation;

/// <summary>
/// The storage configuration name as ICA's API accepts it (<c>CreateStorageConfiguration</c>): 3–15 characters,
/// <c>^[a-z0-9][a-z0-9.-]*[a-z0-9]$</c>. ICA's help page says 63; the API is stricter, so this rule is.
/// </summary>
public static class ConfigurationNameRule
{
    /// <summary>The shortest name ICA's API accepts.</summary>
    public const int MinLength = 3;

    /// <summary>The longest name ICA's API accepts.</summary>
    public const int MaxLength = 15;

    /// <summary>The most characters checked: longer text is refused as too long.</summary>
    public const int MaxInputLength = InputLimits.Name;

    /// <summary>Checks a configuration name; the value is the trimmed name.</summary>
    /// <param name="input">What the user typed.</param>
    public static FieldValidation Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return FieldValidation.Fail(input ?? "", "The configuration name is required: use 3 to 15 lowercase letters, digits, dots or hyphens.");
        }

        if (InputLimits.Check(input, MaxInputLength, "The configuration name") is { } tooLong)
        {
            return tooLong;
        }

        string name = input.Trim();
        string? error = FindError(name);
        return error is null ? FieldValidation.Ok(name) : FieldValidation.Fail(input, error);
    }

    private static string? FindError(string name)
    {
        if (name.Any(char.IsAsciiLetterUpper))
        {
            string lower = name.ToLowerInvariant();
            return FindError(lower) is null
                ? $"ICA configuration names cannot contain capital letters: use lowercase, such as {InputText.Quote(lower)}."
                : "ICA configuration names cannot contain capital letters: use only lowercase letters, digits, dots and hyphens.";
        }

        int bad = InputText.IndexOfFirstNot(name, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
        if (bad >= 0)
        {
            return $"The configuration name contains {InputText.DescribeAt(name, bad)}: use only lowercase letters, digits, dots and hyphens.";
        }

        if (name.Length > MaxLength)
        {
            return $"The configuration name has {name.Length} characters: the ICA API limits it to {MaxLength} characters, even though ICA's help page says 63.";
        }

        if (name.Length < MinLength)
        {
            return $"The configuration name must be at least {MinLength} characters long.";
        }

        return char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
            ? null
            : "The configuration name must begin and end with a letter or digit, not a dot or hyphen.";
    }
}
