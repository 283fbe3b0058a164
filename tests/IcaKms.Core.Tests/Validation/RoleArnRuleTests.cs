using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class RoleArnRuleTests
{
    private const string IcaRole = "arn:aws:iam::079623148045:role/ica_use1_crossacct";

    public static TheoryData<string, string> ValidArns { get; } = new()
    {
        { IcaRole, IcaRole },
        { $" \t{IcaRole}\r\n", IcaRole },
        { "arn:aws:iam::079623148045:role/ica_aps2_crossacct", "arn:aws:iam::079623148045:role/ica_aps2_crossacct" },
        { "arn:aws:iam::079623148045:role/path/to/ica-role", "arn:aws:iam::079623148045:role/path/to/ica-role" },
        { "arn:aws:iam::079623148045:role/a+b=c,d.e@f_g-h", "arn:aws:iam::079623148045:role/a+b=c,d.e@f_g-h" },
        { $"arn:aws:iam::079623148045:role/{new string('r', 64)}", $"arn:aws:iam::079623148045:role/{new string('r', 64)}" },
    };

    public static TheoryData<string?, string> InvalidArns { get; } = new()
    {
        { null, "required" },
        { "", "required" },
        { "  ", "required" },
        { "arn:aws:iam::079623148045:user/alice", "IAM user ARN" },
        { "arn:aws:iam::079623148045:group/admins", "IAM group ARN" },
        { "arn:aws:iam::079623148045:policy/ica", "IAM policy ARN" },
        { "arn:aws:iam::079623148045:root", "name a role" },
        { "arn:aws:sts::079623148045:assumed-role/ica_use1_crossacct/session", "assumed-role" },
        { "arn:aws:iam:::role/ica_use1_crossacct", "12-digit" },
        { "arn:aws:iam::12345:role/ica_use1_crossacct", "12-digit" },
        { "arn:aws:iam::07962314804a:role/ica_use1_crossacct", "12-digit" },
        { "arn:aws:iam:us-east-1:079623148045:role/ica_use1_crossacct", "no region" },
        { "arn:aws-xx:iam::079623148045:role/ica_use1_crossacct", "partition" },
        { "arn:aws-cn:iam::079623148045:role/x", "ICA runs only in AWS's commercial partition (aws); a role in aws-cn can never serve ICA" },
        { "arn:aws-us-gov:iam::079623148045:role/ica_use1_crossacct", "a role in aws-us-gov can never serve ICA" },
        { "arn:aws:s3:::my-bucket", "not an IAM ARN" },
        { "arn:aws:kms:us-east-1:079623148045:key/1234abcd-12ab-34cd-56ef-1234567890ab", "not an IAM ARN" },
        { "ica_use1_crossacct", "not an IAM role ARN" },
        { "079623148045", "not an IAM role ARN" },
        { "{\"AWS\":\"arn\"}", "not an IAM role ARN" },
        { new string('a', 5000), "too long: at most 2,048 characters" },
        { "arn:aws:iam::079623148045:role/", "missing the role name" },
        { $"arn:aws:iam::079623148045:role/{new string('r', 65)}", "at most 64" },
        { "arn:aws:iam::079623148045:role/a b", "one line" },
        { "arn:aws:iam::079623148045:role/a\tb", "one line" },
        { "arn:aws:iam::079623148045:role/a\u200Bb", "invisible" },
        { "arn:aws:iam::079623148045:role/a\"b", "IAM does not allow" },
        { "arn:aws:iam::079623148045:role/a{b}", "IAM does not allow" },
        { "arn:aws:iam::079623148045:role/a\\b", "IAM does not allow" },
        { "arn:aws:iam::079623148045:role/rôle", "IAM does not allow" },
        { "arn:aws:iam::079623148045:role/ica_use1_cross\u0430cct", "IAM does not allow" },
        { "arn:aws:iam::079623148045:role/a//b", "IAM does not allow" },
    };

    [Theory]
    [MemberData(nameof(ValidArns))]
    public void Validate_ReturnsTrimmedArn_WhenArnIsValid(string input, string expected)
    {
        FieldValidation result = RoleArnRule.Validate(input);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [MemberData(nameof(InvalidArns))]
    public void Validate_NamesTheBrokenRule_WhenArnIsInvalid(string? input, string reason)
    {
        FieldValidation result = RoleArnRule.Validate(input);

        Assert.NotNull(result.Error);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DoesNotWarn_WhenRoleIsInIlluminasAccount() => Assert.Null(RoleArnRule.Validate(IcaRole).Warning);

    [Fact]
    public void Validate_WarnsAboutAccount_WhenRoleIsNotInIlluminasAccount()
    {
        FieldValidation result = RoleArnRule.Validate("arn:aws:iam::123456789012:role/MyRole");

        Assert.True(result.IsValid);
        Assert.Contains("079623148045", result.Warning, StringComparison.Ordinal);
    }

    private const string AustraliaRole = "arn:aws:iam::079623148045:role/ica_aps2_crossacct";

    [Fact]
    public void Validate_RefusesAnotherConfirmedRegionsRole_NamingTheRightOne()
    {
        FieldValidation result = RoleArnRule.Validate(AustraliaRole, "us-east-1");

        Assert.NotNull(result.Error);
        Assert.Contains("Australia (ap-southeast-2)", result.Error, StringComparison.Ordinal);
        Assert.Contains(IcaRole, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesConfirmedRole_InRegionWithoutConfirmedRole()
    {
        FieldValidation result = RoleArnRule.Validate(IcaRole, "eu-central-1");

        Assert.NotNull(result.Error);
        Assert.Contains("United States (us-east-1)", result.Error, StringComparison.Ordinal);
        Assert.Contains("Enable Cross Account Copy", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1", IcaRole)]
    [InlineData("ap-southeast-2", AustraliaRole)]
    [InlineData("eu-central-1", "arn:aws:iam::079623148045:role/ica_euc1_crossacct")]
    [InlineData(null, AustraliaRole)]
    public void Validate_AcceptsTheRegionsRole(string? region, string role)
    {
        Assert.Null(RoleArnRule.Validate(role, region).Error);
    }

    [Fact]
    public void Validate_KeepsMessageShort_WhenInputIsHuge()
    {
        FieldValidation result = RoleArnRule.Validate(new string('a', 100_000));

        Assert.InRange(result.Error!.Length, 1, 200);
    }
}
