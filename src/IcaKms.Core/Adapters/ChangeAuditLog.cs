using IcaKms.Core.Applying;
using System.Security.Cryptography;
using System.Text;
using IcaKms.Core.Setup;
using Microsoft.Extensions.Logging;

namespace IcaKms.Core.Adapters;

/// <summary>
/// The audit event of one change applied to AWS (or ICA), the same from every front end (the portal's
/// <c>ChangeAudit</c>, <c>icakms apply</c>): in the logger category <see cref="Category"/>, event 1100
/// <c>ChangeApplied</c>, naming the person, the cloud identity the change was made as, the resource, the action, SHA-256
/// digests of the document before and after, the outcome and the service's message. Documents appear as digests only,
/// never as text, and no event holds a secret.
/// </summary>
public static partial class ChangeAuditLog
{
    /// <summary>The logger category of every audit event.</summary>
    public const string Category = "IcaKms.Audit";

    /// <summary>Writes the audit event of one applied (or failed, or skipped) change made by <paramref name="user"/>.</summary>
    /// <param name="logger">A logger of <see cref="Category"/>.</param>
    /// <param name="applied">The change and its outcome.</param>
    /// <param name="user">Who asked for it: the portal user, or the local user of the CLI.</param>
    public static void Write(ILogger logger, AppliedChange applied, string user)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(applied);
        ChangeRecorded(
            logger,
            applied.Outcome,
            applied.Change.Permission,
            applied.Change.Resource,
            user,
            applied.Principal,
            applied.At,
            Digest(applied.Change.Before),
            Digest(applied.Change.After),
            applied.Message);
    }

    /// <summary>The SHA-256 of a document's UTF-8 text as <c>sha256:</c> and 64 hex digits, or <c>none</c>.</summary>
    public static string Digest(string? document) =>
        document is null ? "none" : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    [LoggerMessage(EventId = 1100, EventName = "ChangeApplied", Level = LogLevel.Information,
        Message = "IcaKms change {Outcome}: {Action} on {Resource} by {PortalUser} as {Principal} at {At:O}; before {BeforeDigest}, after {AfterDigest}: {Message}")]
    private static partial void ChangeRecorded(
        ILogger logger, ChangeOutcome outcome, string action, string resource, string portalUser, string principal,
        DateTimeOffset at, string beforeDigest, string afterDigest, string message);
}
