using System.Text.RegularExpressions;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class KeyPrefixRuleTests
{
    public static TheoryData<string, string> ValidPrefixes { get; } = new()
    {
        { "folder", "folder/" },
        { "folder/", "folder/" },
        { "a/b", "a/b/" },
        { "  a/b/ \t", "a/b/" },
        { "ica.data/run-1_x", "ica.data/run-1_x/" },
        { "a..b/..c", "a..b/..c/" },
        { "données", "données/" },
        { "数据/样本", "数据/样本/" },
        { "emoji-😀", "emoji-😀/" },
        { new string('a', 999), new string('a', 999) + "/" },
    };

    public static TheoryData<string, string> InvalidPrefixes { get; } = new()
    {
        { "/folder", "start with '/'" },
        { "/", "start with '/'" },
        { "./folder", "'./'" },
        { "a/./b", "'./'" },
        { ".", "'./'" },
        { "../a", "'..'" },
        { "a/..", "'..'" },
        { "a//b/", "'//'" },
        { "a//", "'//'" },
        { "a\\b", "backslash" },
        { "a\nb", "U+000A" },
        { "a\tb", "U+0009" },
        { "a\u0000b", "U+0000" },
        { "a\u200Bb/", "U+200B" },
        { "\uFEFFfolder", "U+FEFF" },
        { "s3://bucket/folder", "s3://" },
        { "runs*", "'*', a wildcard in an IAM policy's Resource" },
        { "runs/2024-??/", "'?', a wildcard in an IAM policy's Resource" },
        { "*/", "wildcard" },
        { "home/${aws:username}/", "'${', which starts a policy variable" },
        { "a${b", "policy variable" },
        { new string('a', 1000), "bytes" },
        { new string('é', 500), "bytes" },
        { new string('a', 5000), "too long: at most 1,024 characters" },
    };

    public static TheoryData<string> BlankPrefixes { get; } = ["", "   ", "\t\n"];

    [Theory]
    [MemberData(nameof(ValidPrefixes))]
    public void Validate_AddsTrailingSlash_WhenPrefixIsValid(string input, string expected)
    {
        FieldValidation result = KeyPrefixRule.Validate(input);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [MemberData(nameof(ValidPrefixes))]
    public void Validate_MatchesIcaApiPattern_WhenPrefixIsValid(string input, string expected)
    {
        _ = expected;

        Assert.Matches(new Regex(@"^(?!\/).*\/$"), KeyPrefixRule.Validate(input).Value);
    }

    [Theory]
    [MemberData(nameof(InvalidPrefixes))]
    public void Validate_NamesTheBrokenRule_WhenPrefixIsInvalid(string input, string reason)
    {
        FieldValidation result = KeyPrefixRule.Validate(input);

        Assert.NotNull(result.Error);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BlankPrefixes))]
    [InlineData(null)]
    public void Validate_WarnsAboutBucketRoot_WhenPrefixIsEmpty(string? input)
    {
        FieldValidation result = KeyPrefixRule.Validate(input);

        Assert.True(result.IsValid);
        Assert.Equal("", result.Value);
        Assert.Contains("bucket root", result.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\"b", "'\"'")]
    [InlineData("{data}", "'{'")]
    [InlineData("run#1", "'#'")]
    public void Validate_WarnsAboutAwkwardCharacter_WhenS3AdvisesAvoidingIt(string input, string character)
    {
        FieldValidation result = KeyPrefixRule.Validate(input);

        Assert.True(result.IsValid);
        Assert.Contains(character, result.Warning, StringComparison.Ordinal);
    }

    // A Fact, not theory data: xunit's discovery would turn the lone surrogate into U+FFFD.
    [Fact]
    public void Validate_RefusesPrefix_WhenItHasALoneSurrogate() =>
        Assert.Contains("U+D800", KeyPrefixRule.Validate("a\uD800b").Error, StringComparison.Ordinal);

    [Fact]
    public void Validate_DoesNotWarn_WhenPrefixIsPlainFolder() => Assert.Null(KeyPrefixRule.Validate("ica/").Warning);

    [Fact]
    public void Validate_KeepsMessageShort_WhenInputIsHuge()
    {
        FieldValidation result = KeyPrefixRule.Validate(new string('a', 100_000));

        Assert.InRange(result.Error!.Length, 1, 200);
    }
}
