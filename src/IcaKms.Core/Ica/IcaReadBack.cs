namespace IcaKms.Core.Ica;

/// <summary>What reading ICA again says about a write whose answer was lost.</summary>
public enum ReadBackOutcome
{
    /// <summary>ICA lists it: the write happened.</summary>
    Exists,

    /// <summary>ICA answered the list, and it is not in it: the write has not happened.</summary>
    Absent,

    /// <summary>ICA could not be read either: whether the write happened cannot be known now.</summary>
    Unknown,
}

/// <summary>The answer of a read-back: the outcome, what ICA lists under the name, and why it could not be read.</summary>
/// <typeparam name="T">A storage credential or configuration.</typeparam>
/// <param name="Outcome">What is true.</param>
/// <param name="Found">The item of that name, for <see cref="ReadBackOutcome.Exists"/>.</param>
/// <param name="Failure">Why ICA could not be read, for <see cref="ReadBackOutcome.Unknown"/>.</param>
public sealed record ReadBack<T>(ReadBackOutcome Outcome, T? Found, IcaFailure? Failure)
    where T : class;

/// <summary>
/// Reads ICA again, by name, after a create whose answer was lost (<see cref="IcaFailure.AnswerLost"/>), so IcaKms says
/// what is true instead of what is likely. ICA's names are unique per tenant, and the plan was made from lists without
/// that name, so an item of that name is the one the lost write made.
/// </summary>
public static class IcaReadBack
{
    /// <summary>Whether ICA now has the storage credential <paramref name="name"/> (every page of the list).</summary>
    public static async Task<ReadBack<StorageCredential>> CredentialAsync(IIcaClient ica, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ica);
        Result<IReadOnlyList<StorageCredential>, IcaFailure> list = await ica.GetStorageCredentialsAsync(ct).ConfigureAwait(false);
        return Of(list, c => string.Equals(c.Name, name, StringComparison.Ordinal));
    }

    /// <summary>Whether ICA now has the storage configuration <paramref name="name"/> (every page of the list).</summary>
    public static async Task<ReadBack<StorageConfiguration>> ConfigurationAsync(IIcaClient ica, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ica);
        Result<IReadOnlyList<StorageConfiguration>, IcaFailure> list = await ica.GetStorageConfigurationsAsync(ct).ConfigureAwait(false);
        return Of(list, c => string.Equals(c.Name, name, StringComparison.Ordinal));
    }

    private static ReadBack<T> Of<T>(Result<IReadOnlyList<T>, IcaFailure> list, Func<T, bool> named)
        where T : class
    {
        if (list.Failure is { } failure)
        {
            return new ReadBack<T>(ReadBackOutcome.Unknown, null, failure);
        }

        T? found = (list.Value ?? []).FirstOrDefault(named);
        return found is null ? new ReadBack<T>(ReadBackOutcome.Absent, null, null) : new ReadBack<T>(ReadBackOutcome.Exists, found, null);
    }
}
