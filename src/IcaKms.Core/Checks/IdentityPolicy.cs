namespace IcaKms.Core.Checks;

/// <summary>Where an identity policy that applies to ICA's IAM user comes from.</summary>
public enum IdentityPolicySource
{
    /// <summary>A managed policy attached to the user.</summary>
    AttachedToUser,

    /// <summary>An inline policy of the user.</summary>
    UserInline,

    /// <summary>A managed policy attached to a group the user is in.</summary>
    AttachedToGroup,

    /// <summary>An inline policy of a group the user is in.</summary>
    GroupInline,

    /// <summary>The managed policy ARN given in the wizard (not found attached to the user, or no user given).</summary>
    Given,
}

/// <summary>One identity policy read for the IAM check: its document and where it comes from.</summary>
/// <param name="Name">The policy's name.</param>
/// <param name="Document">The policy document (JSON text).</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="PolicyArn">The managed policy's ARN; null for an inline policy.</param>
/// <param name="GroupName">The group it comes through; null unless <paramref name="Source"/> is a group's.</param>
public sealed record IdentityPolicy(string Name, string Document, IdentityPolicySource Source, string? PolicyArn = null, string? GroupName = null)
{
    /// <summary>How messages name it, e.g. "managed policy IcaKmsAccess of group ica-admins".</summary>
    /// <param name="user">The IAM user the policies were read for, or null.</param>
    public string Describe(string? user) => Source switch
    {
        IdentityPolicySource.AttachedToUser => $"the managed policy {Name} attached to {user}",
        IdentityPolicySource.UserInline => $"inline policy {Name} of user {user}",
        IdentityPolicySource.AttachedToGroup => $"managed policy {Name} of group {GroupName}",
        IdentityPolicySource.GroupInline => $"inline policy {Name} of group {GroupName}",
        _ => $"the policy {Name}",
    };
}
