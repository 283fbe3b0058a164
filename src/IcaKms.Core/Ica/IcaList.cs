namespace IcaKms.Core.Ica;

/// <summary>The list envelope of ICA's API (<c>RegionList</c>, <c>StorageCredentialList</c>, ...): <c>{"items": [...]}</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items.</param>
public sealed record IcaList<T>(IReadOnlyList<T>? Items);
