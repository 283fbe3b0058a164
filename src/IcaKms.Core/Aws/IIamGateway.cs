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
}
