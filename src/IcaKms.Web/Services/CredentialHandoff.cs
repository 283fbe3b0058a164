using System.Collections.Concurrent;
using System.Security.Cryptography;
using IcaKms.Core.Aws;

namespace IcaKms.Web.Services;

/// <summary>
/// Carries typed secrets (AWS credentials, an ICA API key, an access key for ICA) from the browser to the circuit that asked for them without passing through the
/// Blazor/SignalR message stream, whose verbose logging echoes event arguments and interop results. The circuit opens
/// a single-use ticket, the browser posts the credentials with it to <see cref="CredentialHandoffEndpoint"/> over plain
/// HTTP (a body no log writes), and the circuit claims them at once. Unclaimed credentials are forgotten after
/// <see cref="Lifetime"/>.
/// </summary>
public sealed class CredentialHandoff(TimeProvider time)
{
    /// <summary>How long a ticket stays open.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>At most this many open tickets in the whole server, so posting cannot fill its memory.</summary>
    public const int MaxOpenTickets = 10_000;

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Opens a single-use ticket (256 random bits); null when too many are open.</summary>
    public string? Open()
    {
        Purge();
        if (_slots.Count >= MaxOpenTickets)
        {
            return null;
        }

        string ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _slots[ticket] = new Slot(time.GetUtcNow() + Lifetime, null, null);
        return ticket;
    }

    /// <summary>
    /// Leaves credentials (and, from the ICA panel, an ICA API key) for an open ticket; false when the ticket is
    /// unknown, expired or already used.
    /// </summary>
    public bool Deposit(string ticket, PastedCredentials credentials, string? icaApiKey = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrEmpty(ticket) || !_slots.TryGetValue(ticket, out Slot? slot) || slot.Credentials is not null || Expired(slot))
        {
            return false;
        }

        return _slots.TryUpdate(ticket, slot with { Credentials = credentials, IcaApiKey = icaApiKey ?? string.Empty }, slot);
    }

    /// <summary>Takes the ICA API key left for a ticket and closes it; null when nothing was left in time.</summary>
    public string? ClaimIcaApiKey(string ticket)
    {
        if (string.IsNullOrEmpty(ticket) || !_slots.TryRemove(ticket, out Slot? slot) || Expired(slot))
        {
            return null;
        }

        return slot.IcaApiKey;
    }

    /// <summary>Takes the credentials left for a ticket and closes it; null when none were left in time.</summary>
    public PastedCredentials? Claim(string ticket)
    {
        if (string.IsNullOrEmpty(ticket) || !_slots.TryRemove(ticket, out Slot? slot) || Expired(slot))
        {
            return null;
        }

        return slot.Credentials;
    }

    /// <summary>Closes a ticket without taking anything (the circuit gave up on it).</summary>
    public void Close(string ticket) => _slots.TryRemove(ticket, out _);

    /// <summary>How many tickets are open (for tests).</summary>
    internal int OpenCount => _slots.Count;

    private bool Expired(Slot slot) => time.GetUtcNow() >= slot.Expires;

    private void Purge()
    {
        foreach (KeyValuePair<string, Slot> entry in _slots)
        {
            if (Expired(entry.Value))
            {
                _slots.TryRemove(entry.Key, out _);
            }
        }
    }

    private sealed record Slot(DateTimeOffset Expires, PastedCredentials? Credentials, string? IcaApiKey);
}
