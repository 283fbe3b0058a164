using System.Collections.Concurrent;
using System.Security.Cryptography;
using IcaKms.Core.Aws;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

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

    /// <summary>Takes the credentials left for a ticket and closes it; null when none were left in time.</summary>
    public PastedCredentials? Claim(string ticket) => Take(ticket)?.Credentials;

    /// <summary>
    /// The whole hand-off for one form: opens a ticket, has the browser post the form's secret fields with it
    /// (<c>icakms.postCredentials</c>, which empties them), takes what arrived, and closes the ticket.
    /// </summary>
    public async Task<HandoffReceipt> ReceiveAsync(IJSRuntime js, ElementReference form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(js);
        string? ticket = Open();
        if (ticket is null)
        {
            return new HandoffReceipt(HandoffOutcome.Busy, null);
        }

        try
        {
            bool posted = await js.InvokeAsync<bool>("icakms.postCredentials", ct, form, ticket);
            HandedOff? secrets = posted ? Take(ticket) : null;
            return new HandoffReceipt(secrets is null ? HandoffOutcome.NotReceived : HandoffOutcome.Received, secrets);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            return new HandoffReceipt(HandoffOutcome.BrowserFailed, null);
        }
        finally
        {
            Close(ticket);
        }
    }

    /// <summary>Closes a ticket without taking anything (the circuit gave up on it).</summary>
    public void Close(string ticket) => _slots.TryRemove(ticket, out _);

    /// <summary>How many tickets are open (for tests).</summary>
    internal int OpenCount => _slots.Count;

    private bool Expired(Slot slot) => time.GetUtcNow() >= slot.Expires;

    private HandedOff? Take(string ticket)
    {
        if (string.IsNullOrEmpty(ticket) || !_slots.TryRemove(ticket, out Slot? slot) || Expired(slot) || slot.Credentials is not { } credentials)
        {
            return null;
        }

        return new HandedOff(credentials, slot.IcaApiKey ?? string.Empty);
    }

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

/// <summary>What the browser handed over for one ticket: the credential fields, and the ICA API key field (empty when the form has none).</summary>
public sealed record HandedOff(PastedCredentials Credentials, string IcaApiKey)
{
    /// <inheritdoc />
    public override string ToString() => $"HandedOff({Credentials}, ICA key hidden)";
}

/// <summary>How a hand-off ended.</summary>
public enum HandoffOutcome
{
    /// <summary>The secrets arrived.</summary>
    Received,

    /// <summary>Too many tickets are open in the server.</summary>
    Busy,

    /// <summary>The browser answered, but nothing arrived for the ticket.</summary>
    NotReceived,

    /// <summary>The browser could not run the post (disconnected, script error, cancelled).</summary>
    BrowserFailed,
}

/// <summary>The outcome of <see cref="CredentialHandoff.ReceiveAsync"/>, with the secrets when they arrived.</summary>
public sealed record HandoffReceipt(HandoffOutcome Outcome, HandedOff? Secrets);
