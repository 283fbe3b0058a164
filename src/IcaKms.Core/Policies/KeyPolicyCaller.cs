using IcaKms.Core.Validation;

namespace IcaKms.Core.Policies;

/// <summary>
/// The principal that will call PutKeyPolicy, read from its STS GetCallerIdentity ARN, and which key-policy principals
/// name it. An assumed-role session <c>arn:aws:sts::ACCT:assumed-role/ROLE/SESSION</c> is the role: it is named by any
/// <c>arn:aws:iam::ACCT:role/…/ROLE</c> (STS's ARN drops the role's path, so roles match by name) or by the session ARN
/// itself. A user or another principal is named by its exact ARN. Every caller is named by its account's root
/// (<c>arn:aws:iam::ACCT:root</c> or the bare account id), which delegates to IAM policies.
/// </summary>
/// <param name="Arn">The caller's ARN as STS gave it.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Account">Its account id.</param>
/// <param name="RoleName">The role's name for an assumed-role session (or a role ARN); null otherwise.</param>
internal sealed record KeyPolicyCaller(string Arn, string Partition, string Account, string? RoleName)
{
    /// <summary>The account root's ARN, <c>arn:PARTITION:iam::ACCOUNT:root</c>.</summary>
    public string RootArn => ArnParts.AccountRoot(Partition, Account);

    /// <summary>True when the caller is the account root itself.</summary>
    public bool IsRoot => string.Equals(Arn, RootArn, StringComparison.Ordinal);

    /// <summary>The caller in words, for messages.</summary>
    public string Description => RoleName is not null
        ? $"your role {RoleName} ({Arn})"
        : IsRoot ? $"the account root ({Arn})" : Arn;

    /// <summary>Reads an IAM or STS principal ARN with a 12-digit account; null for anything else.</summary>
    public static KeyPolicyCaller? Parse(string? callerArn)
    {
        string arn = callerArn?.Trim() ?? string.Empty;
        if (ArnParts.Parse(arn) is not ArnParts parts || !parts.HasAccountId || parts.Resource.Length == 0)
        {
            return null;
        }

        if (parts.Service == "sts")
        {
            if (parts.Resource.StartsWith("assumed-role/", StringComparison.Ordinal))
            {
                string[] segments = parts.Resource.Split('/');
                return segments.Length == 3 && segments[1].Length > 0 && segments[2].Length > 0
                    ? new KeyPolicyCaller(arn, parts.Partition, parts.Account, segments[1])
                    : null;
            }

            return new KeyPolicyCaller(arn, parts.Partition, parts.Account, null);
        }

        if (parts.Service != "iam")
        {
            return null;
        }

        return parts.Resource.StartsWith("role/", StringComparison.Ordinal)
            ? new KeyPolicyCaller(arn, parts.Partition, parts.Account, LastSegment(parts.Resource))
            : new KeyPolicyCaller(arn, parts.Partition, parts.Account, null);
    }

    /// <summary>True when an <c>AWS</c> principal of a key policy names the caller or the caller's account root.</summary>
    public bool IsNamedBy(string principal) =>
        IsAccount(principal) || string.Equals(principal, Arn, StringComparison.Ordinal) || IsRole(principal);

    /// <summary>True for the caller's account: its id or its root ARN.</summary>
    public bool IsAccount(string principal) =>
        string.Equals(principal, Account, StringComparison.Ordinal) || string.Equals(principal, RootArn, StringComparison.Ordinal);

    private bool IsRole(string principal) =>
        RoleName is not null
        && ArnParts.Parse(principal) is ArnParts parts
        && parts.Partition == Partition
        && parts.Service == "iam"
        && parts.Account == Account
        && parts.Resource.StartsWith("role/", StringComparison.Ordinal)
        && string.Equals(LastSegment(parts.Resource), RoleName, StringComparison.Ordinal);

    private static string LastSegment(string resource) => resource[(resource.LastIndexOf('/') + 1)..];
}
