
namespace IcaKms.Core;

/// <summary>The ICA regions and their AWS regions (ICA help "AWS S3", newest version of the page).</summary>
public static class IcaRegions
{
    /// <summary>The AWS account that owns ICA's cross-account copy roles.</summary>
    public const string IlluminaAccountId = "079623148045";

    /// <summary>Every ICA region, in the order ICA's help page lists them.</summary>
    public static IReadOnlyList<IcaRegion> All { get; } =
    [
        new("United States", "us-east-1", ArnParts.IamRole(ArnParts.CommercialPartition, IlluminaAccountId, "ica_use1_crossacct")),
        new("Singapore", "ap-southeast-1"),
        new("Australia", "ap-southeast-2", ArnParts.IamRole(ArnParts.CommercialPartition, IlluminaAccountId, "ica_aps2_crossacct")),
        new("Japan", "ap-northeast-1"),
        new("South Korea", "ap-northeast-2"),
        new("India", "ap-south-1"),
        new("UK", "eu-west-2"),
        new("Canada", "ca-central-1"),
        new("Germany", "eu-central-1"),
        new("Indonesia", "ap-southeast-3"),
        new("Israel", "il-central-1"),
        new("United Arab Emirates", "me-central-1"),
    ];

    /// <summary>Finds a region by its AWS region code, or null.</summary>
    public static IcaRegion? FindByAwsRegion(string? awsRegion) =>
        All.FirstOrDefault(r => string.Equals(r.AwsRegion, awsRegion, StringComparison.Ordinal));
}
