namespace IcaKms.Core.Ica;

/// <summary>
/// Finds ICA's region object for the wizard's ICA region among the regions <c>GET /api/regions</c> returned. ICA's
/// <c>Region</c> model names no AWS region, so a region matches when its <c>code</c> is the AWS region code or its
/// country's ISO code is the country of the AWS region (an assumption, stated in the README).
/// </summary>
public static class IcaRegionMatch
{
    // ISO 3166 alpha-2 codes of the countries of ICA's AWS regions (the UK also as "UK").
    private static readonly Dictionary<string, string[]> Countries = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = ["US"],
        ["ap-southeast-1"] = ["SG"],
        ["ap-southeast-2"] = ["AU"],
        ["ap-northeast-1"] = ["JP"],
        ["ap-northeast-2"] = ["KR"],
        ["ap-south-1"] = ["IN"],
        ["eu-west-2"] = ["GB", "UK"],
        ["ca-central-1"] = ["CA"],
        ["eu-central-1"] = ["DE"],
        ["ap-southeast-3"] = ["ID"],
        ["il-central-1"] = ["IL"],
        ["me-central-1"] = ["AE"],
    };

    /// <summary>The matching region, or null when the tenant has no entitlement for it.</summary>
    public static IcaApiRegion? Find(IReadOnlyList<IcaApiRegion> entitled, IcaRegion wanted)
    {
        ArgumentNullException.ThrowIfNull(entitled);
        ArgumentNullException.ThrowIfNull(wanted);
        string[] countries = Countries.GetValueOrDefault(wanted.AwsRegion, []);
        return entitled.FirstOrDefault(r => string.Equals(r.Code, wanted.AwsRegion, StringComparison.OrdinalIgnoreCase))
            ?? entitled.FirstOrDefault(r => r.Country?.Code is { } code && countries.Contains(code.ToUpperInvariant(), StringComparer.Ordinal))
            ?? entitled.FirstOrDefault(r => countries.Contains(r.Code.ToUpperInvariant(), StringComparer.Ordinal));
    }

    /// <summary>What to tell the admin when <see cref="Find"/> found nothing.</summary>
    public static string NoEntitlement(IReadOnlyList<IcaApiRegion> entitled, IcaRegion wanted)
    {
        ArgumentNullException.ThrowIfNull(entitled);
        ArgumentNullException.ThrowIfNull(wanted);
        string listed = entitled.Count == 0 ? "none" : string.Join("; ", entitled.Select(r => r.DisplayName));
        return $"This ICA tenant has no entitlement for {wanted.DisplayName}: ICA lists only the regions the key's user may use ({listed}). " +
            "Choose one of those regions in step 1, or ask Illumina to add the region to the tenant's subscription.";
    }
}
