using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class BucketNameRuleTests
{
    public static TheoryData<string, string> ValidNames { get; } = new()
    {
        { "my-bucket", "my-bucket" },
        { "  my-bucket \t", "my-bucket" },
        { "abc", "abc" },
        { "a1-b2-c3", "a1-b2-c3" },
        { "123", "123" },
        { new string('a', 63), new string('a', 63) },
        { "xn-bucket", "xn-bucket" },
        { "bucket-s3alias-logs", "bucket-s3alias-logs" },
        { "1.2.3", "1.2.3" },
    };

    public static TheoryData<string?, string> InvalidNames { get; } = new()
    {
        { null, "required" },
        { "", "required" },
        { "   ", "required" },
        { "\t\n", "required" },
        { "s3://my-bucket", "s3://" },
        { "S3://my-bucket", "s3://" },
        { "arn:aws:s3:::my-bucket", "not an ARN" },
        { "my-bucket/folder", "Key prefix" },
        { "https://my-bucket.s3.amazonaws.com", "URL" },
        { "My-Bucket", "lowercase" },
        { "my bucket", "a space" },
        { "my_bucket", "'_'" },
        { "my\"bucket", "'\"'" },
        { "my\\bucket", "'\\'" },
        { "{bucket}", "'{'" },
        { "my\nbucket", "U+000A" },
        { "my\tbucket", "U+0009" },
        { "café-bucket", "U+00E9" },
        { "中文桶", "U+4E2D" },
        { "bucket-😀", "U+1F600" },
        { "my\u200Bbucket", "U+200B" },
        { "b\u0430cket", "U+0430" },
        { "ab", "3 to 63" },
        { new string('a', 64), "3 to 63" },
        { new string('a', 5000), "too long: at most 256 characters" },
        { "-bucket", "begin and end" },
        { "bucket-", "begin and end" },
        { ".bucket", "begin and end" },
        { "my..bucket", "two dots" },
        { "192.168.5.4", "IP address" },
        { "xn--bucket", "'xn--'" },
        { "sthree-bucket", "'sthree-'" },
        { "amzn-s3-demo-bucket", "'amzn-s3-demo-'" },
        { "bucket-s3alias", "'-s3alias'" },
        { "bucket--ol-s3", "'--ol-s3'" },
        { "bucket.mrap", "'.mrap'" },
        { "bucket--x-s3", "'--x-s3'" },
        { "bucket--table-s3", "'--table-s3'" },
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Validate_ReturnsTrimmedName_WhenNameIsValid(string input, string expected)
    {
        FieldValidation result = BucketNameRule.Validate(input);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Validate_NamesTheBrokenRule_WhenNameIsInvalid(string? input, string reason)
    {
        FieldValidation result = BucketNameRule.Validate(input);

        Assert.NotNull(result.Error);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my.bucket")]
    [InlineData("logs.example.com")]
    public void Validate_WarnsAboutHttps_WhenNameHasDots(string input)
    {
        FieldValidation result = BucketNameRule.Validate(input);

        Assert.True(result.IsValid);
        Assert.Contains("HTTPS", result.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DoesNotWarn_WhenNameHasNoDots() => Assert.Null(BucketNameRule.Validate("my-bucket").Warning);

    [Fact]
    public void Validate_KeepsInputAsValue_WhenNameIsInvalid() => Assert.Equal(" My-Bucket ", BucketNameRule.Validate(" My-Bucket ").Value);

    [Theory]
    [InlineData(5000)]
    [InlineData(100_000)]
    public void Validate_KeepsMessageShort_WhenInputIsHuge(int length)
    {
        FieldValidation result = BucketNameRule.Validate("s3://" + new string('x', length));

        Assert.InRange(result.Error!.Length, 1, 200);
    }

    [Fact]
    public void Validate_SuggestsLowercase_OnlyWhenThatIsValid()
    {
        Assert.Contains("'my-bucket'", BucketNameRule.Validate("My-Bucket").Error, StringComparison.Ordinal);
        Assert.DoesNotContain("such as", BucketNameRule.Validate("My_Bucket").Error, StringComparison.Ordinal);
    }
}
