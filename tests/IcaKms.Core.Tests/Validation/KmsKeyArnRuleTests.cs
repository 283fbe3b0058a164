using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class KmsKeyArnRuleTests
{
    private const string Region = "us-east-1";
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string MrkId = "mrk-1234abcd12ab34cd56ef1234567890ab";
    private const string KeyArn = $"arn:aws:kms:us-east-1:123456789012:key/{KeyId}";

    public static TheoryData<string, string> ValidArns { get; } = new()
    {
        { KeyArn, KeyArn },
        { $"  {KeyArn}\n", KeyArn },
        { $"arn:aws:kms:us-east-1:123456789012:key/{KeyId.ToUpperInvariant()}", KeyArn },
        { $"arn:aws:kms:us-east-1:123456789012:key/{MrkId}", $"arn:aws:kms:us-east-1:123456789012:key/{MrkId}" },
    };

    public static TheoryData<string?, string> InvalidArns { get; } = new()
    {
        { null, "required" },
        { "", "required" },
        { " \t ", "required" },
        { "alias/my-key", "alias resolves in the caller's account" },
        { "arn:aws:kms:us-east-1:123456789012:alias/my-key", "alias resolves in the caller's account" },
        { "alias/aws/s3", "customer managed key" },
        { "arn:aws:kms:us-east-1:123456789012:alias/aws/s3", "customer managed key" },
        { "alias/aws/ebs", "customer managed key" },
        { KeyId, "not the key id" },
        { MrkId, "not the key id" },
        { "arn:aws:s3:::my-bucket", "an S3 ARN" },
        { "arn:aws:iam::079623148045:role/ica_use1_crossacct", "an IAM ARN" },
        { $"arn:aws:kms:eu-west-1:123456789012:key/{KeyId}", "same region" },
        { $"{KeyArn} extra", "one line" },
        { $"arn:aws:kms:us-east-1:123456789012:key/\n{KeyId}", "one line" },
        { $"arn:aws:kms:us-east-1:\u200B123456789012:key/{KeyId}", "invisible" },
        { $"arn:aws:kms:us-east-1:12345678901:key/{KeyId}", "12-digit" },
        { $"arn:aws:kms:us-east-1::key/{KeyId}", "12-digit" },
        { $"arn:aws:kms:us-east-1:😀2345678901:key/{KeyId}", "12-digit" },
        { $"arn:aws:kms::123456789012:key/{KeyId}", "valid region" },
        { $"arn:aws:kms:中文:123456789012:key/{KeyId}", "valid region" },
        { $"arn:aws-foo:kms:us-east-1:123456789012:key/{KeyId}", "partition" },
        { $"arn:aws-cn:kms:us-east-1:123456789012:key/{KeyId}", "ICA runs only in AWS's commercial partition (aws); a key in aws-cn can never serve ICA" },
        { $"arn:aws-us-gov:kms:us-east-1:123456789012:key/{KeyId}", "a key in aws-us-gov can never serve ICA" },
        { "arn:aws:kms:us-east-1:123456789012:key/not-a-uuid", "32 hex" },
        { $"{KeyArn}/", "32 hex" },
        { "arn:aws:kms:us-east-1:123456789012:key/mrk-123", "32 hex" },
        { "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ag", "32 hex" },
        { "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890\u0430b", "32 hex" },
        { $"arn:aws:kms:us-east-1:123456789012:key\\{KeyId}", "32 hex" },
        { $"{KeyArn}\"", "32 hex" },
        { "{\"KeyId\":\"x\"}", "not a KMS key ARN" },
        { "arn:aws:kms:us-east-1:123456789012", "not a KMS key ARN" },
        { $"ARN:AWS:KMS:us-east-1:123456789012:key/{KeyId}", "not a KMS key ARN" },
        { new string('a', 5000), "too long: at most 2,048 characters" },
    };

    [Theory]
    [MemberData(nameof(ValidArns))]
    public void Validate_ReturnsNormalizedArn_WhenArnIsValid(string input, string expected)
    {
        FieldValidation result = KmsKeyArnRule.Validate(input, Region);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [MemberData(nameof(InvalidArns))]
    public void Validate_NamesTheBrokenRule_WhenArnIsInvalid(string? input, string reason)
    {
        FieldValidation result = KmsKeyArnRule.Validate(input, Region);

        Assert.NotNull(result.Error);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesBothRegions_WhenKeyIsInAnotherRegion()
    {
        FieldValidation result = KmsKeyArnRule.Validate($"arn:aws:kms:eu-west-1:123456789012:key/{KeyId}", Region);

        Assert.Equal(
            "The key is in eu-west-1 but your ICA region uses us-east-1: bucket, key and ICA project must be in the same region.",
            result.Error);
    }

    [Fact]
    public void Validate_SuggestsDescribeKey_WhenAliasIsGiven() =>
        Assert.Contains("aws kms describe-key --key-id alias/my-key", KmsKeyArnRule.Validate("alias/my-key", Region).Error, StringComparison.Ordinal);

    [Fact]
    public void Validate_AcceptsAnyRegion_WhenIcaRegionIsNotChosen() =>
        Assert.True(KmsKeyArnRule.Validate($"arn:aws:kms:eu-west-1:123456789012:key/{KeyId}", "").IsValid);

    [Fact]
    public void Validate_KeepsMessageShort_WhenInputIsHuge()
    {
        FieldValidation result = KmsKeyArnRule.Validate("arn:" + new string('x', 100_000), Region);

        Assert.InRange(result.Error!.Length, 1, 200);
    }
}
