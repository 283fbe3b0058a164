namespace IcaKms.Core.Aws;

/// <summary>
/// The IAM calls IcaKms makes. Implemented on IAM's Query API over HttpClient (AWSSDK.IdentityManagement is not
/// available here); kept behind this interface so the official client can replace it.
/// </summary>
public interface IIamGateway
{
    /// <summary>The default version of a managed policy, its document URL-decoded to JSON text.</summary>
    Task<Result<ManagedPolicyVersion, AwsFailure>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default);

    /// <summary>The managed policies attached to an IAM user.</summary>
    Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>The names of an IAM user's inline policies.</summary>
    Task<Result<IReadOnlyList<string>, AwsFailure>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>One inline policy of an IAM user, its document URL-decoded to JSON text.</summary>
    Task<Result<InlinePolicy, AwsFailure>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default);

    /// <summary>The names of the IAM groups a user is in.</summary>
    Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>The managed policies attached to an IAM group.</summary>
    Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default);

    /// <summary>The names of an IAM group's inline policies.</summary>
    Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default);

    /// <summary>One inline policy of an IAM group, its document URL-decoded to JSON text.</summary>
    Task<Result<InlinePolicy, AwsFailure>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default);

    /// <summary>An IAM user (<c>iam:GetUser</c>); a <see cref="AwsFailureKind.NotFound"/> failure when there is none.</summary>
    Task<Result<IamUser, AwsFailure>> GetUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions of a managed policy (<c>iam:ListPolicyVersions</c>), without their documents, as
    /// <see cref="Planning.PolicyVersionPlan"/> needs them.
    /// </summary>
    Task<Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an IAM user (<c>iam:CreateUser</c>); <see cref="AwsFailureKind.AlreadyExists"/> when it exists. A write:
    /// sent once, never retried.
    /// </summary>
    Task<Result<IamUser, AwsFailure>> CreateUserAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a managed policy with the document as its default version <c>v1</c> (<c>iam:CreatePolicy</c>). A document
    /// over IAM's 6,144 characters (whitespace not counted) fails as <see cref="AwsFailureKind.InvalidDocument"/>
    /// without being sent. A write: sent once, never retried.
    /// </summary>
    /// <param name="policyName">The policy name (the ARN is <c>arn:aws:iam::ACCOUNT:policy/NAME</c>).</param>
    /// <param name="policyDocument">The policy JSON.</param>
    /// <param name="description">The policy's description, or null for none; IAM never lets it be changed later.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<Result<CreatedPolicy, AwsFailure>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a version to a managed policy and makes it the default (<c>iam:CreatePolicyVersion</c>, SetAsDefault=true).
    /// IAM keeps at most five versions: the sixth fails as <see cref="AwsFailureKind.LimitExceeded"/> (see
    /// <see cref="Planning.PolicyVersionPlan"/>). Size checked before sending as for <see cref="CreatePolicyAsync"/>. A write:
    /// sent once, never retried.
    /// </summary>
    Task<Result<PolicyVersionInfo, AwsFailure>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a non-default version of a managed policy (<c>iam:DeletePolicyVersion</c>); the default version fails as
    /// <see cref="AwsFailureKind.Conflict"/>. A write: sent once, never retried.
    /// </summary>
    Task<Result<DeletedPolicyVersion, AwsFailure>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches a managed policy to a user (<c>iam:AttachUserPolicy</c>); attaching it again changes nothing. A write:
    /// sent once, never retried.
    /// </summary>
    Task<Result<UserPolicyAttachment, AwsFailure>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default);

    /// <summary>The ids of an IAM user's access keys (<c>iam:ListAccessKeys</c>), never their secrets.</summary>
    Task<Result<IReadOnlyList<string>, AwsFailure>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an access key for an IAM user (<c>iam:CreateAccessKey</c>); the secret is in the answer only, once.
    /// <see cref="AwsFailureKind.LimitExceeded"/> when the user already holds two keys. A write: sent once, never retried.
    /// </summary>
    Task<Result<CreatedAccessKey, AwsFailure>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>An IAM user's access keys with their status and creation date (<c>iam:ListAccessKeys</c>), never their secrets.</summary>
    Task<Result<IReadOnlyList<AccessKeyMetadata>, AwsFailure>> ListAccessKeyMetadataAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>When an access key last signed a request (<c>iam:GetAccessKeyLastUsed</c>); null when it never did.</summary>
    Task<Result<DateTimeOffset?, AwsFailure>> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken = default);

    /// <summary>Makes an access key active or inactive (<c>iam:UpdateAccessKey</c>). A write: sent once, never retried.</summary>
    Task<Result<bool, AwsFailure>> UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default);

    /// <summary>Deletes an access key for good (<c>iam:DeleteAccessKey</c>). A write: sent once, never retried.</summary>
    Task<Result<bool, AwsFailure>> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken = default);
}
