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

    /// <summary>An IAM user (<c>iam:GetUser</c>); a <see cref="AwsFailureKind.NotFound"/> failure when there is none.</summary>
    Task<AwsResult<IamUser>> GetUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions of a managed policy (<c>iam:ListPolicyVersions</c>), without their documents, as
    /// <see cref="Setup.PolicyVersionPlan"/> needs them.
    /// </summary>
    Task<AwsResult<IReadOnlyList<PolicyVersionInfo>>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an IAM user (<c>iam:CreateUser</c>); <see cref="AwsFailureKind.AlreadyExists"/> when it exists. A write:
    /// sent once, never retried.
    /// </summary>
    Task<AwsResult<IamUser>> CreateUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a managed policy with the document as its default version <c>v1</c> (<c>iam:CreatePolicy</c>). A document
    /// over IAM's 6,144 characters (whitespace not counted) fails as <see cref="AwsFailureKind.InvalidDocument"/>
    /// without being sent. A write: sent once, never retried.
    /// </summary>
    /// <param name="policyName">The policy name (the ARN is <c>arn:aws:iam::ACCOUNT:policy/NAME</c>).</param>
    /// <param name="policyDocument">The policy JSON.</param>
    /// <param name="description">The policy's description, or null for none; IAM never lets it be changed later.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AwsResult<CreatedPolicy>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a version to a managed policy and makes it the default (<c>iam:CreatePolicyVersion</c>, SetAsDefault=true).
    /// IAM keeps at most five versions: the sixth fails as <see cref="AwsFailureKind.LimitExceeded"/> (see
    /// <see cref="Setup.PolicyVersionPlan"/>). Size checked before sending as for <see cref="CreatePolicyAsync"/>. A write:
    /// sent once, never retried.
    /// </summary>
    Task<AwsResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a non-default version of a managed policy (<c>iam:DeletePolicyVersion</c>); the default version fails as
    /// <see cref="AwsFailureKind.Conflict"/>. A write: sent once, never retried.
    /// </summary>
    Task<AwsResult<DeletedPolicyVersion>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches a managed policy to a user (<c>iam:AttachUserPolicy</c>); attaching it again changes nothing. A write:
    /// sent once, never retried.
    /// </summary>
    Task<AwsResult<UserPolicyAttachment>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default);

    /// <summary>The ids of an IAM user's access keys (<c>iam:ListAccessKeys</c>), never their secrets.</summary>
    Task<AwsResult<IReadOnlyList<string>>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an access key for an IAM user (<c>iam:CreateAccessKey</c>); the secret is in the answer only, once.
    /// <see cref="AwsFailureKind.LimitExceeded"/> when the user already holds two keys. A write: sent once, never retried.
    /// </summary>
    Task<AwsResult<CreatedAccessKey>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>An IAM user's access keys with their status and creation date (<c>iam:ListAccessKeys</c>), never their secrets.</summary>
    Task<AwsResult<IReadOnlyList<AccessKeyMetadata>>> ListAccessKeyMetadataAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>When an access key last signed a request (<c>iam:GetAccessKeyLastUsed</c>); null when it never did.</summary>
    Task<AwsResult<DateTimeOffset?>> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken = default);

    /// <summary>Makes an access key active or inactive (<c>iam:UpdateAccessKey</c>). A write: sent once, never retried.</summary>
    Task<AwsResult<bool>> UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default);

    /// <summary>Deletes an access key for good (<c>iam:DeleteAccessKey</c>). A write: sent once, never retried.</summary>
    Task<AwsResult<bool>> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken = default);
}
