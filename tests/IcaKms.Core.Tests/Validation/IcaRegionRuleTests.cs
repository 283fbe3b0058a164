using IcaKms.Core.Ica;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Tests.Validation;

public class IcaRegionRuleTests
{
    public static TheoryData<string> IcaAwsRegions { get; } = new(IcaRegions.All.Select(r => r.AwsRegion));

    public static TheoryData<string?, string> InvalidRegions { get; } = new()
    {
        { null, "required" },
        { "", "required" },
        { "   ", "required" },
        { "eu-west-1", "not an ICA region" },
        { "us-west-2", "not an ICA region" },
        { "United States", "not an ICA region" },
        { "us-east-1\"", "not an ICA region" },
        { "us\u2011east\u20111", "not an ICA region" },
        { new string('a', 5000), "not an ICA region" },
    };

    [Theory]
    [MemberData(nameof(IcaAwsRegions))]
    public void Validate_AcceptsRegion_WhenItIsAnIcaRegion(string awsRegion) =>
        Assert.Equal(FieldValidation.Ok(awsRegion), IcaRegionRule.Validate(awsRegion));

    [Theory]
    [InlineData(" us-east-1 ", "us-east-1")]
    [InlineData("EU-CENTRAL-1", "eu-central-1")]
    public void Validate_NormalizesRegion_WhenItHasSpacesOrCapitals(string input, string expected) =>
        Assert.Equal(expected, IcaRegionRule.Validate(input).Value);

    [Theory]
    [MemberData(nameof(InvalidRegions))]
    public void Validate_NamesTheBrokenRule_WhenRegionIsInvalid(string? input, string reason)
    {
        FieldValidation result = IcaRegionRule.Validate(input);

        Assert.NotNull(result.Error);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ListsIcaRegions_WhenRegionIsUnknown() =>
        Assert.Contains("me-central-1", IcaRegionRule.Validate("eu-west-1").Error, StringComparison.Ordinal);

    [Fact]
    public void Validate_KeepsMessageShort_WhenInputIsHuge()
    {
        FieldValidation result = IcaRegionRule.Validate(new string('a', 100_000));

        Assert.InRange(result.Error!.Length, 1, 300);
    }
}
