namespace IcaKms.FakeIca;

/// <summary>The ICA tenant <see cref="FakeIcaServer"/> plays: its API key, entitled regions, and what validation says.</summary>
public sealed record FakeIcaScenario
{
    /// <summary>The API key the server accepts.</summary>
    public const string DefaultApiKey = "fake-ica-api-key-0123456789abcdef";

    /// <summary>The region id of the United States (us-east-1) in <see cref="Regions"/>.</summary>
    public const string UsRegionId = "8a2b5f0e-0000-4000-8000-000000000001";

    /// <summary>The region id of Australia (ap-southeast-2) in <see cref="Regions"/>.</summary>
    public const string AuRegionId = "8a2b5f0e-0000-4000-8000-000000000002";

    /// <summary>The API key the server accepts.</summary>
    public string ApiKey { get; init; } = DefaultApiKey;

    /// <summary>The regions the tenant is entitled to (what <c>GET /api/regions</c> lists).</summary>
    public IReadOnlyList<FakeIcaRegion> Regions { get; init; } =
    [
        new(UsRegionId, "US", "Virginia", "US", "United States"),
        new(AuRegionId, "AU", "Sydney", "AU", "Australia"),
    ];

    /// <summary>Storage credentials that exist at the start: name → id.</summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many status reads a validation stays <c>INITIALIZING</c> before it settles.</summary>
    public int PollsUntilSettled { get; init; } = 2;

    /// <summary>
    /// How many items a page of the credential and configuration lists holds; null answers the whole list at once, as
    /// ICA's OpenAPI declares these lists (unpaged). Set, the lists answer in ICA's paged-list form (<see cref="Paging"/>).
    /// </summary>
    public int? ListPageSize { get; init; }

    /// <summary>Which of ICA's pagings the lists use when <see cref="ListPageSize"/> is set.</summary>
    public FakeIcaPaging Paging { get; init; } = FakeIcaPaging.Cursor;

    /// <summary>Buckets whose validation ends in <c>ERROR</c>, with ICA's <c>errorMessage</c>; every other bucket ends <c>OK</c>.</summary>
    public IReadOnlyDictionary<string, string> ValidationErrors { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>ICA's two pagings of a list (its <c>…PagedList</c> models).</summary>
public enum FakeIcaPaging
{
    /// <summary><c>nextPageToken</c> in the answer, <c>pageToken</c> in the next request.</summary>
    Cursor,

    /// <summary><c>totalItemCount</c> in the answer, <c>pageOffset</c> and <c>pageSize</c> in the next request.</summary>
    Offset,
}

/// <summary>One entitled region (model <c>Region</c> with its <c>Country</c>).</summary>
public sealed record FakeIcaRegion(string Id, string Code, string CityName, string CountryCode, string CountryName);
