using IcaKms.Core.Validation;

namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// Who makes a request, read from its ARN (as STS GetCallerIdentity gives it) or a service principal name.
/// </summary>
/// <param name="Arn">The principal's ARN (for a service, its name, e.g. <c>s3.amazonaws.com</c>).</param>
/// <param name="Kind">What kind of principal it is.</param>
/// <param name="Partition">The partition (<c>aws</c> for a service).</param>
/// <param name="Account">The 12-digit account; empty for a service.</param>
/// <param name="Name">The user's, role's or federated user's name (no path); the service name for a service.</param>
/// <param name="SessionName">The role session's name for an assumed role; otherwise null.</param>
public sealed record RequestPrincipal(string Arn, PrincipalKind Kind, string Partition, string Account, string Name, string? SessionName = null)
{
    /// <summary>The account root's ARN; empty for a service.</summary>
    public string RootArn => Kind == PrincipalKind.Service ? string.Empty : ArnParts.AccountRoot(Partition, Account);

    /// <summary>For a role or a session of it, the role ARN without its path (STS's session ARN drops the path); else null.</summary>
    public string? RoleName => Kind is PrincipalKind.Role or PrincipalKind.AssumedRole ? Name : null;

    /// <summary>Reads an IAM or STS principal ARN, or a service principal (<c>NAME.amazonaws.com</c>); null for anything else.</summary>
    public static RequestPrincipal? Parse(string? text)
    {
        string value = text?.Trim() ?? string.Empty;
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return value.EndsWith(".amazonaws.com", StringComparison.Ordinal) && !value.Contains(':', StringComparison.Ordinal)
                ? new RequestPrincipal(value, PrincipalKind.Service, ArnParts.CommercialPartition, string.Empty, value)
                : null;
        }

        if (ArnParts.Parse(value) is not ArnParts parts || !parts.HasAccountId)
        {
            return null;
        }

        string[] segments = parts.Resource.Split('/');
        string last = segments[^1];
        return (parts.Service, segments[0]) switch
        {
            ("iam", "root") when segments.Length == 1 => new(value, PrincipalKind.Root, parts.Partition, parts.Account, "root"),
            ("iam", "user") when segments.Length >= 2 && last.Length > 0 => new(value, PrincipalKind.User, parts.Partition, parts.Account, last),
            ("iam", "role") when segments.Length >= 2 && last.Length > 0 => new(value, PrincipalKind.Role, parts.Partition, parts.Account, last),
            ("sts", "assumed-role") when segments.Length == 3 && segments[1].Length > 0 && last.Length > 0 =>
                new(value, PrincipalKind.AssumedRole, parts.Partition, parts.Account, segments[1], last),
            ("sts", "federated-user") when segments.Length == 2 && last.Length > 0 => new(value, PrincipalKind.FederatedUser, parts.Partition, parts.Account, last),
            _ => null,
        };
    }
}
