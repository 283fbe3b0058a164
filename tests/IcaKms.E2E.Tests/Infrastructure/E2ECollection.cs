namespace IcaKms.E2E.Tests.Infrastructure;

/// <summary>The E2E tests share one app process and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<AppServer>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "E2E";
}
