using IcaKms.Core;
using IcaKms.Core.Aws;

namespace IcaKms.TestKit;

/// <summary>IAM: one user's attached and inline policies, their groups, the managed policies' versions, users and access keys.</summary>
public sealed partial class InMemoryAws
{
    /// <summary>The secret of every access key <see cref="CreateAccessKeyAsync"/> makes (tests look for it in pages and logs).</summary>
    public const string NewAccessKeySecret = "NewKeySecretFromIam/0123456789abcdefGHIJ";

    // The version ids of each managed policy made or versioned here, oldest first; the last is the default.
    private readonly Dictionary<string, List<string>> _versionIds = new(StringComparer.Ordinal);

    /// <summary>ListAttachedUserPolicies' answer (the user asked is not checked).</summary>
    public Result<IReadOnlyList<AttachedPolicy>, AwsFailure> Attached { get; set; } =
        Ok<IReadOnlyList<AttachedPolicy>>([new AttachedPolicy("ica-kms", SampleAccount.PolicyArn)]);

    /// <summary>GetPolicyDefaultVersion answers by policy ARN; anything else is not found.</summary>
    public Dictionary<string, Result<ManagedPolicyVersion, AwsFailure>> Versions { get; } = new(StringComparer.Ordinal)
    {
        [SampleAccount.PolicyArn] = Ok(new ManagedPolicyVersion(SampleAccount.PolicyArn, "v1", SampleAccount.IamPolicy())),
    };

    /// <summary>ListUserPolicies' answer (the user's inline policy names).</summary>
    public Result<IReadOnlyList<string>, AwsFailure> UserInline { get; set; } = Ok<IReadOnlyList<string>>([]);

    /// <summary>ListGroupsForUser's answer.</summary>
    public Result<IReadOnlyList<string>, AwsFailure> Groups { get; set; } = Ok<IReadOnlyList<string>>([]);

    /// <summary>ListAttachedGroupPolicies answers by group; a group not here has none.</summary>
    public Dictionary<string, Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> GroupAttached { get; } = new(StringComparer.Ordinal);

    /// <summary>ListGroupPolicies answers by group; a group not here has none.</summary>
    public Dictionary<string, Result<IReadOnlyList<string>, AwsFailure>> GroupInline { get; } = new(StringComparer.Ordinal);

    /// <summary>GetUserPolicy / GetGroupPolicy documents by "user/name" or "group/name"; anything else is not found.</summary>
    public Dictionary<string, string> InlineDocuments { get; } = new(StringComparer.Ordinal);

    /// <summary>The IAM users that exist, by name.</summary>
    public HashSet<string> Users { get; } = new(StringComparer.Ordinal) { SampleAccount.User };

    /// <summary>The ids of the access keys made so far (IAM allows two per user).</summary>
    public List<string> AccessKeys { get; } = [];

    public Task<Result<ManagedPolicyVersion, AwsFailure>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            $"iam:GetPolicyVersion {policyArn}",
            () => Versions.TryGetValue(policyArn, out Result<ManagedPolicyVersion, AwsFailure>? version)
                ? version
                : NotFound<ManagedPolicyVersion>("iam:GetPolicyVersion", $"Policy {policyArn} was not found."),
            cancellationToken);

    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync("iam:ListAttachedUserPolicies", () => Attached, cancellationToken);

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync("iam:ListUserPolicies", () => UserInline, cancellationToken);

    public Task<Result<InlinePolicy, AwsFailure>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:GetUserPolicy {userName}/{policyName}", () => Inline("iam:GetUserPolicy", $"{userName}/{policyName}", policyName), cancellationToken);

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync("iam:ListGroupsForUser", () => Groups, cancellationToken);

    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            $"iam:ListAttachedGroupPolicies {groupName}",
            () => GroupAttached.TryGetValue(groupName, out Result<IReadOnlyList<AttachedPolicy>, AwsFailure>? attached) ? attached : Ok<IReadOnlyList<AttachedPolicy>>([]),
            cancellationToken);

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            $"iam:ListGroupPolicies {groupName}",
            () => GroupInline.TryGetValue(groupName, out Result<IReadOnlyList<string>, AwsFailure>? names) ? names : Ok<IReadOnlyList<string>>([]),
            cancellationToken);

    public Task<Result<InlinePolicy, AwsFailure>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:GetGroupPolicy {groupName}/{policyName}", () => Inline("iam:GetGroupPolicy", $"{groupName}/{policyName}", policyName), cancellationToken);

    public Task<Result<IamUser, AwsFailure>> GetUserAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:GetUser {userName}", () => Users.Contains(userName)
            ? Ok(UserNamed(userName))
            : NotFound<IamUser>("iam:GetUser", $"The user with name {userName} cannot be found."), cancellationToken);

    public Task<Result<IamUser, AwsFailure>> CreateUserAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:CreateUser {userName}", () => Users.Add(userName)
            ? Ok(UserNamed(userName))
            : Refusal<IamUser>(AwsFailureKind.AlreadyExists, "iam:CreateUser", "EntityAlreadyExists", $"User with name {userName} already exists."), cancellationToken);

    public Task<Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:ListPolicyVersions {policyArn}", () => Versions.TryGetValue(policyArn, out Result<ManagedPolicyVersion, AwsFailure>? version) && version.Succeeded
            ? Ok<IReadOnlyList<PolicyVersionInfo>>([.. VersionIds(policyArn, version.Value!.VersionId).Select(id => new PolicyVersionInfo(id, id == version.Value.VersionId, DateTimeOffset.UnixEpoch))])
            : NotFound<IReadOnlyList<PolicyVersionInfo>>("iam:ListPolicyVersions", $"Policy {policyArn} was not found."), cancellationToken);

    public Task<Result<CreatedPolicy, AwsFailure>> CreatePolicyAsync(string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:CreatePolicy {policyName}", () =>
        {
            string arn = $"arn:aws:iam::{SampleAccount.Account}:policy/{policyName}";
            if (Versions.ContainsKey(arn))
            {
                return Refusal<CreatedPolicy>(AwsFailureKind.AlreadyExists, "iam:CreatePolicy", "EntityAlreadyExists", $"A policy called {policyName} already exists.");
            }

            Versions[arn] = Ok(new ManagedPolicyVersion(arn, "v1", policyDocument));
            _versionIds[arn] = ["v1"];
            return Ok(new CreatedPolicy(policyName, arn, "v1"));
        }, cancellationToken);

    /// <summary>The new version becomes the default; like IAM, a sixth version is refused.</summary>
    public Task<Result<PolicyVersionInfo, AwsFailure>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:CreatePolicyVersion {policyArn}", () =>
        {
            if (!Versions.TryGetValue(policyArn, out Result<ManagedPolicyVersion, AwsFailure>? current) || !current.Succeeded)
            {
                return NotFound<PolicyVersionInfo>("iam:CreatePolicyVersion", $"Policy {policyArn} was not found.");
            }

            List<string> ids = VersionIds(policyArn, current.Value!.VersionId);
            if (ids.Count >= 5)
            {
                return Refusal<PolicyVersionInfo>(AwsFailureKind.LimitExceeded, "iam:CreatePolicyVersion", "LimitExceeded", "A managed policy can have up to 5 versions.");
            }

            string id = $"v{ids.Select(v => int.Parse(v[1..], System.Globalization.CultureInfo.InvariantCulture)).Max() + 1}";
            ids.Add(id);
            Versions[policyArn] = Ok(new ManagedPolicyVersion(policyArn, id, policyDocument));
            return Ok(new PolicyVersionInfo(id, true, DateTimeOffset.UnixEpoch));
        }, cancellationToken);

    public Task<Result<DeletedPolicyVersion, AwsFailure>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:DeletePolicyVersion {policyArn} {versionId}", () =>
        {
            if (Versions.TryGetValue(policyArn, out Result<ManagedPolicyVersion, AwsFailure>? current) && current.Value?.VersionId == versionId)
            {
                return Refusal<DeletedPolicyVersion>(AwsFailureKind.Conflict, "iam:DeletePolicyVersion", "DeleteConflict", "Cannot delete the default version of a policy.");
            }

            return current is { Succeeded: true } && VersionIds(policyArn, current.Value!.VersionId).Remove(versionId)
                ? Ok(new DeletedPolicyVersion(policyArn, versionId))
                : NotFound<DeletedPolicyVersion>("iam:DeletePolicyVersion", $"Policy {policyArn} version {versionId} does not exist.");
        }, cancellationToken);

    /// <summary>Attaching a policy already attached changes nothing, as in IAM.</summary>
    public Task<Result<UserPolicyAttachment, AwsFailure>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:AttachUserPolicy {userName} {policyArn}", () =>
        {
            IReadOnlyList<AttachedPolicy> attached = Attached.Value ?? [];
            if (!attached.Any(p => p.PolicyArn == policyArn))
            {
                Attached = Ok<IReadOnlyList<AttachedPolicy>>([.. attached, new AttachedPolicy(policyArn[(policyArn.LastIndexOf('/') + 1)..], policyArn)]);
            }

            return Ok(new UserPolicyAttachment(userName, policyArn));
        }, cancellationToken);

    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:ListAccessKeys {userName}", () => Ok<IReadOnlyList<string>>([.. AccessKeys]), cancellationToken);

    public Task<Result<CreatedAccessKey, AwsFailure>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default) =>
        AnswerAsync($"iam:CreateAccessKey {userName}", () =>
        {
            if (AccessKeys.Count >= 2)
            {
                return Refusal<CreatedAccessKey>(AwsFailureKind.LimitExceeded, "iam:CreateAccessKey", "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2.");
            }

            string id = $"AKIAFAKENEWKEY{AccessKeys.Count:D6}";
            AccessKeys.Add(id);
            return Ok(new CreatedAccessKey(userName, id, NewAccessKeySecret));
        }, cancellationToken);

    private Result<InlinePolicy, AwsFailure> Inline(string action, string key, string policyName) =>
        InlineDocuments.TryGetValue(key, out string? document)
            ? Ok(new InlinePolicy(policyName, document))
            : NotFound<InlinePolicy>(action, $"The inline policy {key} cannot be found.");

    private List<string> VersionIds(string policyArn, string defaultVersionId)
    {
        if (!_versionIds.TryGetValue(policyArn, out List<string>? ids))
        {
            ids = [defaultVersionId];
            _versionIds[policyArn] = ids;
        }

        return ids;
    }

    private static IamUser UserNamed(string userName) => new(userName, $"AIDA{userName.ToUpperInvariant()}", $"arn:aws:iam::{SampleAccount.Account}:user/{userName}");

    private static Result<T, AwsFailure> Refusal<T>(AwsFailureKind kind, string action, string code, string message) =>
        Result<T, AwsFailure>.Fail(new AwsFailure(kind, action, null, code, message));
}
