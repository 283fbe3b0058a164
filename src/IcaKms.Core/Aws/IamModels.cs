namespace IcaKms.Core.Aws;

/// <summary>A managed policy attached to a user (IAM ListAttachedUserPolicies).</summary>
public sealed record AttachedPolicy(string PolicyName, string PolicyArn);

/// <summary>The default version of a managed policy, with its document decoded to JSON text.</summary>
public sealed record ManagedPolicyVersion(string PolicyArn, string VersionId, string Document);

/// <summary>An inline policy of a user or group (IAM GetUserPolicy, GetGroupPolicy), its document decoded to JSON text.</summary>
public sealed record InlinePolicy(string PolicyName, string Document);

/// <summary>An IAM user (IAM GetUser, CreateUser).</summary>
/// <param name="UserName">The user name.</param>
/// <param name="UserId">IAM's unique id of the user (<c>AIDA…</c>).</param>
/// <param name="Arn">The user's ARN.</param>
public sealed record IamUser(string UserName, string UserId, string Arn);

/// <summary>A managed policy just created (IAM CreatePolicy): its ARN and its first, default, version.</summary>
/// <param name="PolicyName">The policy name.</param>
/// <param name="PolicyArn">The policy ARN, to attach it and to add versions.</param>
/// <param name="DefaultVersionId">The id of its default version (<c>v1</c> for a new policy).</param>
public sealed record CreatedPolicy(string PolicyName, string PolicyArn, string DefaultVersionId);

/// <summary>One version of a managed policy (IAM ListPolicyVersions, CreatePolicyVersion), without its document.</summary>
/// <param name="VersionId">The version id, e.g. <c>v3</c>.</param>
/// <param name="IsDefaultVersion">True for the version in effect.</param>
/// <param name="CreateDate">When the version was created.</param>
public sealed record PolicyVersionInfo(string VersionId, bool IsDefaultVersion, DateTimeOffset CreateDate);

/// <summary>A managed policy attached to a user (IAM AttachUserPolicy; attaching one already attached changes nothing).</summary>
/// <param name="UserName">The user.</param>
/// <param name="PolicyArn">The policy.</param>
public sealed record UserPolicyAttachment(string UserName, string PolicyArn);

/// <summary>A policy version deleted (IAM DeletePolicyVersion).</summary>
/// <param name="PolicyArn">The policy.</param>
/// <param name="VersionId">The version deleted.</param>
public sealed record DeletedPolicyVersion(string PolicyArn, string VersionId);

/// <summary>
/// An access key just created for an IAM user (IAM CreateAccessKey). The secret is returned once, at creation: hand it
/// straight to where it is needed and drop it; <see cref="ToString"/> never shows it.
/// </summary>
/// <param name="UserName">The user the key belongs to.</param>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="SecretAccessKey">The secret access key.</param>
public sealed record CreatedAccessKey(string UserName, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>The most access keys IAM lets one user hold.</summary>
    public const int MaxKeysPerUser = 2;

    /// <inheritdoc />
    public override string ToString() => $"CreatedAccessKey({UserName}, {AccessKeyId}, secret hidden)";
}
