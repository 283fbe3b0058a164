using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class ConfigurationNameRuleTests
{
    public static TheoryData<string, string> ValidNames { get; } = new()
    {
        { "ica-storage", "ica-storage" },
        { "abc", "abc" },
        { "a23456789012345", "a23456789012345" },
        { "my.config-1", "my.config-1" },
        { "  trimmed \n", "trimmed" },
        { "007", "007" },
    };

    public static TheoryData<string?, string> InvalidNames { get; } = new()
    {
        { null, "required" },
        { "", "required" },
        { " \t ", "required" },
        { "ab", "at least 3" },
        { "a234567890123456", "limits it to 15" },
        { new string('a', 63), "help page says 63" },
        { new string('a', 5000), "too long: at most 256 characters" },
        { "Storage", "lowercase" },
        { "my config", "a space" },
        { "my_config", "'_'" },
        { "conf\"ig", "'\"'" },
        { "conf{ig}", "'{'" },
        { "conf\\ig", "'\\'" },
        { "conf\nig", "U+000A" },
        { "conf\tig", "U+0009" },
        { "données", "U+00E9" },
        { "中文名", "U+4E2D" },
        { "cfg😀", "U+1F600" },
        { "cfg\u200B1", "U+200B" },
        { "cf\u0430g", "U+0430" },
        { "-config", "begin and end" },
        { "config.", "begin and end" },
        { "-a-", "begin and end" },
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Validate_ReturnsTrimmedName_WhenNameIsValid(string input, string expected)
    {
        FieldValidation result = ConfigurationNameRule.Validate(input);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Validate_NamesTheBrokenRule_WhenNameIsInvalid(string? input, string reason)
    {
        FieldValidation result = ConfigurationNameRule.Validate(input);

        Assert.NotNull(result.Error);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeepsMessageShort_WhenInputIsHuge()
    {
        FieldValidation result = ConfigurationNameRule.Validate(new string('a', 100_000));

        Assert.InRange(result.Error!.Length, 1, 200);
    }
}
