namespace IcaKms.Core.Aws;

/// <summary>
/// The IAM calls IcaKms makes. Implemented on IAM's Query API over HttpClient (AWSSDK.IdentityManagement is not
/// available here); kept behind this interface so the official client can replace it.
/// </summary>
public interface IIamGateway
{
    /// <summary>The default version of a managed policy, its document URL-decoded to JSON text.</summary>
    Task<AwsResult<ManagedPolicyVersion>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default);

    /// <summary>The managed policies attached to an IAM user.</summary>
    Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>The names of an IAM user's inline policies.</summary>
    Task<AwsResult<IReadOnlyList<string>>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>One inline policy of an IAM user, its document URL-decoded to JSON text.</summary>
    Task<AwsResult<InlinePolicy>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default);

    /// <summary>The names of the IAM groups a user is in.</summary>
    Task<AwsResult<IReadOnlyList<string>>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>The managed policies attached to an IAM group.</summary>
    Task<AwsResult<IReadOnlyList<AttachedPolicy>>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default);

    /// <summary>The names of an IAM group's inline policies.</summary>
    Task<AwsResult<IReadOnlyList<string>>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default);

    /// <summary>One inline policy of an IAM group, its document URL-decoded to JSON text.</summary>
    Task<AwsResult<InlinePolicy>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default);
}
