using IcaKms.Core.Ica;

namespace IcaKms.Core.Validation;

/// <summary>The ICA region, given as its AWS region code: one of <see cref="IcaRegions.All"/>.</summary>
public static class IcaRegionRule
{
    /// <summary>Checks an AWS region code; the value is the trimmed code in lowercase.</summary>
    /// <param name="awsRegion">The AWS region code chosen (e.g. <c>us-east-1</c>).</param>
    public static FieldValidation Validate(string? awsRegion)
    {
        if (string.IsNullOrWhiteSpace(awsRegion))
        {
            return FieldValidation.Fail(awsRegion ?? "", "The ICA region is required: choose the region of your ICA project.");
        }

        string code = awsRegion.Trim().ToLowerInvariant();
        IcaRegion? region = IcaRegions.FindByAwsRegion(code);
        return region is not null
            ? FieldValidation.Ok(region.AwsRegion)
            : FieldValidation.Fail(awsRegion, $"{InputText.Quote(awsRegion.Trim())} is not an ICA region: choose one of {string.Join(", ", IcaRegions.All.Select(r => r.AwsRegion))}.");
    }
}
