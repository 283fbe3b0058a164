using System.Globalization;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

/// <summary>Every text rule takes its limit and refuses one character more with "too long: at most N characters".</summary>
public class InputLimitsTests
{
    public static TheoryData<string, int> Limits { get; } = new()
    {
        { "bucket", BucketNameRule.MaxInputLength },
        { "configuration", ConfigurationNameRule.MaxInputLength },
        { "user", IamUserNameRule.MaxInputLength },
        { "prefix", KeyPrefixRule.MaxInputLength },
        { "key", KmsKeyArnRule.MaxInputLength },
        { "role", RoleArnRule.MaxInputLength },
        { "policy-arn", PolicyArnRule.MaxInputLength },
        { "policy", PolicyDocumentRule.MaxLength },
    };

    private static FieldValidation Validate(string rule, string input) => rule switch
    {
        "bucket" => BucketNameRule.Validate(input),
        "configuration" => ConfigurationNameRule.Validate(input),
        "user" => IamUserNameRule.Validate(input),
        "prefix" => KeyPrefixRule.Validate(input),
        "key" => KmsKeyArnRule.Validate(input, "us-east-1"),
        "role" => RoleArnRule.Validate(input, "us-east-1"),
        "policy-arn" => PolicyArnRule.Validate(input),
        _ => PolicyDocumentRule.Validate(input),
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Rule_ChecksTextAtItsLimit(string rule, int limit)
    {
        FieldValidation result = Validate(rule, new string('a', limit));

        Assert.DoesNotContain("too long", result.Error ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Rule_RefusesTextPastItsLimit_SayingTheLimit(string rule, int limit)
    {
        FieldValidation result = Validate(rule, new string('a', limit + 1));

        Assert.Contains($"too long: at most {limit.ToString("N0", CultureInfo.InvariantCulture)} characters", result.Error, StringComparison.Ordinal);
        Assert.InRange(result.Error!.Length, 1, 200);
    }

    [Fact]
    public void Limits_AreWhatThePageAndHubAreSizedFor()
    {
        Assert.Equal(65_536, PolicyDocumentRule.MaxLength);
        Assert.Equal(InputLimits.PolicyDocument, InputLimits.LongestField);
        Assert.All(Limits, row => Assert.InRange((int)row[1], 1, InputLimits.LongestField));
        Assert.Equal((3L * 65_536) + 3, PolicyDocumentRule.MaxFileBytes);
    }
}
