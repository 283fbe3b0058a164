using IcaKms.Core.Validation;
using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.KeyPolicies;

/// <summary>
/// The principal that will call PutKeyPolicy, read from its STS GetCallerIdentity ARN (an IAM user, role, assumed-role
/// session or the account root), for the merge and the lockout rule's messages. Which key-policy principals name it is
/// the evaluator's business (<see cref="PrincipalMatcher"/>).
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

    private static string LastSegment(string resource) => resource[(resource.LastIndexOf('/') + 1)..];
}
