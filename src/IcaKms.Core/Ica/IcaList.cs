
namespace IcaKms.Core.Ica;

/// <summary>
/// The list envelope of ICA's API (<c>RegionList</c>, <c>StorageCredentialList</c>, ...: <c>{"items": [...]}</c>), with
/// the paging fields of ICA's paged lists (<c>…PagedList</c>: <c>nextPageToken</c> for cursor paging,
/// <c>totalItemCount</c> for offset paging). ICA's OpenAPI (umccr/libica <c>openapi_public.yaml</c>, 20251103) declares
/// the storage credential and configuration lists unpaged; the ICA client (<c>Adapters.Ica.IcaClient</c>) still follows these fields when an
/// answer carries them, so a tenant listed in pages is read to its end.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items (of this page).</param>
/// <param name="NextPageToken">The cursor of the next page; null or empty on the last page and in offset paging.</param>
/// <param name="TotalItemCount">How many items there are in all (offset paging), or null.</param>
public sealed record IcaList<T>(IReadOnlyList<T>? Items, string? NextPageToken = null, long? TotalItemCount = null);
