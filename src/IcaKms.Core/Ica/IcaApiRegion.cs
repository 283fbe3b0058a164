namespace IcaKms.Core.Ica;

/// <summary>A region as ICA's API returns it (model <c>Region</c>): only the regions the tenant is entitled to are listed.</summary>
/// <param name="Id">ICA's id of the region (a UUID), used as <c>regionId</c>.</param>
/// <param name="Code">ICA's code of the region.</param>
/// <param name="CityName">The city ICA names for it.</param>
/// <param name="Country">The country it is in.</param>
public sealed record IcaApiRegion(string Id, string Code, string? CityName, IcaCountry? Country)
{
    /// <summary>How the region is named to a person: "Virginia, United States (US)".</summary>
    public string DisplayName => $"{CityName}{(CityName is null || Country?.Name is null ? string.Empty : ", ")}{Country?.Name} ({Code})";
}

/// <summary>A country as ICA's API returns it (model <c>Country</c>).</summary>
/// <param name="Code">The ISO country code.</param>
/// <param name="Name">The country's full name.</param>
/// <param name="Region">The region the country belongs to, as ICA says it.</param>
public sealed record IcaCountry(string? Code, string? Name, string? Region);
