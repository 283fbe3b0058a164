using IcaKms.Core.Aws;
using IcaKms.Web.Services;

namespace IcaKms.Web.Tests.Services;

public class CredentialHandoffTests
{
    private static readonly PastedCredentials Credentials = new("ASIAHANDOFF000000001", "secret", "token");

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Claim_ReturnsWhatWasDeposited_Once()
    {
        var handoff = new CredentialHandoff(new Clock());
        string ticket = handoff.Open()!;

        Assert.True(handoff.Deposit(ticket, Credentials));

        Assert.Equal(Credentials, handoff.Claim(ticket));
        Assert.Null(handoff.Claim(ticket));
        Assert.False(handoff.Deposit(ticket, Credentials));
    }

    [Fact]
    public void Deposit_IsRefused_ForATicketNobodyOpened_OrOneAlreadyFilled()
    {
        var handoff = new CredentialHandoff(new Clock());
        string ticket = handoff.Open()!;

        Assert.False(handoff.Deposit("not-a-ticket", Credentials));
        Assert.True(handoff.Deposit(ticket, Credentials));
        Assert.False(handoff.Deposit(ticket, new PastedCredentials("ASIAOTHER00000000001", "other", "other")));
        Assert.Equal(Credentials, handoff.Claim(ticket));
    }

    [Fact]
    public void Claim_ForgetsCredentials_LeftPastTheTicketsLifetime()
    {
        var clock = new Clock();
        var handoff = new CredentialHandoff(clock);
        string ticket = handoff.Open()!;
        Assert.True(handoff.Deposit(ticket, Credentials));

        clock.Now += CredentialHandoff.Lifetime;

        Assert.Null(handoff.Claim(ticket));
    }

    [Fact]
    public void Open_PurgesExpiredTickets_AndRefusesPastTheCap()
    {
        var clock = new Clock();
        var handoff = new CredentialHandoff(clock);
        for (int i = 0; i < CredentialHandoff.MaxOpenTickets; i++)
        {
            Assert.NotNull(handoff.Open());
        }

        Assert.Null(handoff.Open());

        clock.Now += CredentialHandoff.Lifetime;
        Assert.NotNull(handoff.Open());
        Assert.Equal(1, handoff.OpenCount);
    }

    [Fact]
    public void Open_GivesUnguessableDistinctTickets()
    {
        var handoff = new CredentialHandoff(new Clock());

        string[] tickets = [.. Enumerable.Range(0, 100).Select(_ => handoff.Open()!)];

        Assert.Equal(100, tickets.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tickets, t => Assert.Equal(64, t.Length));
    }
}
