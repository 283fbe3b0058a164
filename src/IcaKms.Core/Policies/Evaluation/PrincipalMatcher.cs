using IcaKms.Core.Validation;

namespace IcaKms.Core.Policies.Evaluation;

/// <summary>
/// Which principals a <c>Principal</c>/<c>NotPrincipal</c> element covers (IAM User Guide, "AWS JSON policy elements:
/// Principal" and "NotPrincipal"). A role ARN covers the role's sessions (STS's session ARN drops the role's path, so
/// roles match by account and name); an account id or root ARN covers every principal of the account by delegating to
/// its identity policies; principal ARNs take no wildcards, only <c>"*"</c> alone means everyone. A <c>NotPrincipal</c>
/// leaves a principal out only when every identity AWS may check is listed: the account, and the user, or the role and
/// the role session.
/// </summary>
public static class PrincipalMatcher
{
    /// <summary>How the element covers the principal.</summary>
    public static PrincipalMatch Match(PrincipalElement element, RequestPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(principal);
        if (element.IsNot)
        {
            return IsLeftOut(element, principal) ? PrincipalMatch.None : PrincipalMatch.Direct;
        }

        if (element.IsEveryone || (principal.Kind == PrincipalKind.Service && element.Of("Service").Contains(principal.Name, StringComparer.OrdinalIgnoreCase)))
        {
            return PrincipalMatch.Direct;
        }

        PrincipalMatch best = PrincipalMatch.None;
        foreach (string value in element.Of("AWS"))
        {
            if (NamesPrincipal(value, principal))
            {
                return PrincipalMatch.Direct;
            }

            if (NamesAccount(value, principal))
            {
                best = principal.Kind == PrincipalKind.Root ? PrincipalMatch.Direct : PrincipalMatch.Account;
            }
        }

        return best;
    }

    /// <summary>True when a NotPrincipal lists the principal at every level AWS may check.</summary>
    private static bool IsLeftOut(PrincipalElement element, RequestPrincipal principal)
    {
        if (element.IsEveryone)
        {
            return true;
        }

        if (principal.Kind == PrincipalKind.Service)
        {
            return element.Of("Service").Contains(principal.Name, StringComparer.OrdinalIgnoreCase);
        }

        IReadOnlyList<string> aws = element.Of("AWS");
        bool account = aws.Any(v => NamesAccount(v, principal));
        bool exact = aws.Any(v => string.Equals(v, principal.Arn, StringComparison.Ordinal));
        return principal.Kind switch
        {
            PrincipalKind.Root => account,
            PrincipalKind.AssumedRole => account && exact && aws.Any(v => IsRoleOf(v, principal)),
            _ => account && exact,
        };
    }

    private static bool NamesPrincipal(string value, RequestPrincipal principal) =>
        string.Equals(value, principal.Arn, StringComparison.Ordinal)
        || (principal.Kind == PrincipalKind.AssumedRole && IsRoleOf(value, principal));

    private static bool NamesAccount(string value, RequestPrincipal principal) =>
        principal.Kind != PrincipalKind.Service
        && (string.Equals(value, principal.Account, StringComparison.Ordinal) || string.Equals(value, principal.RootArn, StringComparison.Ordinal));

    /// <summary>True when the value is the ARN of the role the session belongs to.</summary>
    private static bool IsRoleOf(string value, RequestPrincipal session) =>
        ArnParts.Parse(value) is ArnParts parts
        && parts.Partition == session.Partition
        && parts.Service == "iam"
        && parts.Account == session.Account
        && parts.Resource.StartsWith("role/", StringComparison.Ordinal)
        && string.Equals(parts.Resource[(parts.Resource.LastIndexOf('/') + 1)..], session.RoleName, StringComparison.Ordinal);
}
