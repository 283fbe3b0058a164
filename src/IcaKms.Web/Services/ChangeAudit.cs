using IcaKms.Core.Adapters;
using IcaKms.Core.Applying;

namespace IcaKms.Web.Services;

/// <summary>
/// The audit trail: one structured log event per change applied to AWS (or ICA), in the logger category
/// <see cref="Category"/> so operators can route it apart from the rest (e.g.
/// <c>Logging:LogLevel:IcaKms.Audit=Information</c> and a sink of their choice). Each event names the portal user, the
/// cloud identity the change was made as, the resource, the action, SHA-256 digests of the document before and after,
/// the outcome and the service's message. Documents appear as digests only, never as text, and no event holds a secret.
/// </summary>
public sealed class ChangeAudit(ILoggerFactory loggers)
{
    /// <summary>The logger category of every audit event.</summary>
    public const string Category = ChangeAuditLog.Category;

    /// <summary>The portal user written when nobody is signed in (sign-in is off).</summary>
    public const string Anonymous = "anonymous";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    /// <summary>Writes the audit event of one applied (or failed, or skipped) change made by <paramref name="user"/>.</summary>
    public void Record(AppliedChange applied, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ChangeAuditLog.Write(_logger, applied, user.Name ?? Anonymous);
    }

    /// <summary>The SHA-256 of a document's UTF-8 text as <c>sha256:</c> and 64 hex digits, or <c>none</c>.</summary>
    public static string Digest(string? document) => ChangeAuditLog.Digest(document);
}
