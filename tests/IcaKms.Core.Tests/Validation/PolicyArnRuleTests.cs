using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class PolicyArnRuleTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData(" arn:aws:iam::123456789012:policy/ica-sse-kms ", "arn:aws:iam::123456789012:policy/ica-sse-kms")]
    [InlineData("arn:aws:iam::123456789012:policy/team/ica-sse-kms", "arn:aws:iam::123456789012:policy/team/ica-sse-kms")]
    public void Validate_AcceptsCommercialPolicyArn(string input, string expected)
    {
        FieldValidation result = PolicyArnRule.Validate(input);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("arn:aws-cn:iam::123456789012:policy/ica-sse-kms", "ICA runs only in AWS's commercial partition (aws); a policy in aws-cn can never serve ICA")]
    [InlineData("arn:aws-us-gov:iam::123456789012:policy/ica-sse-kms", "a policy in aws-us-gov can never serve ICA")]
    [InlineData("arn:aws:iam::123456789012:role/ica", "looks like")]
    public void Validate_RefusesWithReason(string input, string reason)
    {
        FieldValidation result = PolicyArnRule.Validate(input);

        Assert.NotNull(result.Error);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }
}
