using System.Collections.Concurrent;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Checks;

/// <summary>The inspection's IAM part: every identity policy that applies to the user, read in parallel chains.</summary>
internal static class IdentityPolicyInspection
{
    /// <summary>
    /// Every identity policy that applies to the user, plus the given policy ARN. The user's three lists (attached
    /// managed policies, inline policies, groups) start at once with the given policy's read; each list's documents are
    /// read in parallel as soon as it is in, and each group's two lists as soon as the groups are. A managed policy
    /// attached in several places is read once. Any failed call fails the whole list.
    /// </summary>
    public static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>?> RunAsync(IIamGateway iam, InspectionRequest request, CancellationToken ct)
    {
        string? user = request.IamUserName;
        string? given = request.PolicyArn;
        if (user is null && given is null)
        {
            return null;
        }

        var managed = new ConcurrentDictionary<string, Lazy<Task<AwsResult<ManagedPolicyVersion>>>>(StringComparer.Ordinal);
        Task<AwsResult<ManagedPolicyVersion>> ReadManaged(string arn) =>
            managed.GetOrAdd(arn, a => new Lazy<Task<AwsResult<ManagedPolicyVersion>>>(() => PolicyVersionCall(iam, a, ct))).Value;

        Task<AwsResult<ManagedPolicyVersion>>? givenVersion = given is null ? null : ReadManaged(given);
        var parts = new List<Task<AwsResult<IReadOnlyList<IdentityPolicy>>>>();
        if (user is not null)
        {
            parts.Add(AttachedChainAsync(
                () => iam.ListAttachedUserPoliciesAsync(user, ct), "iam:ListAttachedUserPolicies", user, IdentityPolicySource.AttachedToUser, null, ReadManaged, ct));
            parts.Add(InlineChainAsync(
                () => iam.ListUserPoliciesAsync(user, ct), "iam:ListUserPolicies", user,
                name => InspectionCall.CallAsync("iam:GetUserPolicy", $"{user}/{name}", () => iam.GetUserPolicyAsync(user, name, ct), ct),
                IdentityPolicySource.UserInline, null, ct));
            parts.Add(GroupsChainAsync(iam, user, ReadManaged, ct));
        }

        AwsResult<IReadOnlyList<IdentityPolicy>>[] results = await Task.WhenAll(parts).ConfigureAwait(false);
        AwsResult<ManagedPolicyVersion>? givenResult = givenVersion is null ? null : await givenVersion.ConfigureAwait(false);
        AwsFailure? failure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null) ?? givenResult?.Failure;
        if (failure is not null)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        List<IdentityPolicy> policies = [.. results.SelectMany(r => r.Value ?? [])];
        if (givenResult?.Value is ManagedPolicyVersion version && !policies.Any(p => string.Equals(p.PolicyArn, given, StringComparison.Ordinal)))
        {
            policies.Add(new IdentityPolicy(NameOf(version.PolicyArn), version.Document, IdentityPolicySource.Given, version.PolicyArn));
        }

        return AwsResult<IReadOnlyList<IdentityPolicy>>.Ok(policies);
    }

    /// <summary>Lists a user's or group's attached managed policies, then reads their default versions in parallel.</summary>
    private static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>> AttachedChainAsync(
        Func<Task<AwsResult<IReadOnlyList<AttachedPolicy>>>> list,
        string action,
        string resource,
        IdentityPolicySource source,
        string? group,
        Func<string, Task<AwsResult<ManagedPolicyVersion>>> readManaged,
        CancellationToken ct)
    {
        AwsResult<IReadOnlyList<AttachedPolicy>> attached = await InspectionCall.CallAsync(action, resource, list, ct).ConfigureAwait(false);
        if (attached.Failure is AwsFailure failure)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        string[] arns = [.. (attached.Value ?? []).Select(p => p.PolicyArn).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal)];
        AwsResult<ManagedPolicyVersion>[] versions = await Task.WhenAll(arns.Select(readManaged)).ConfigureAwait(false);
        return Collect(versions, v => new IdentityPolicy(NameOf(v.PolicyArn), v.Document, source, v.PolicyArn, group));
    }

    /// <summary>Lists a user's or group's inline policy names, then reads the documents in parallel.</summary>
    private static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>> InlineChainAsync(
        Func<Task<AwsResult<IReadOnlyList<string>>>> list,
        string action,
        string resource,
        Func<string, Task<AwsResult<InlinePolicy>>> read,
        IdentityPolicySource source,
        string? group,
        CancellationToken ct)
    {
        AwsResult<IReadOnlyList<string>> names = await InspectionCall.CallAsync(action, resource, list, ct).ConfigureAwait(false);
        if (names.Failure is AwsFailure failure)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        AwsResult<InlinePolicy>[] documents = await Task.WhenAll((names.Value ?? []).Distinct(StringComparer.Ordinal).Select(read)).ConfigureAwait(false);
        return Collect(documents, d => new IdentityPolicy(d.PolicyName, d.Document, source, null, group));
    }

    /// <summary>Lists the user's groups, then each group's attached and inline policies, all groups in parallel.</summary>
    private static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>> GroupsChainAsync(
        IIamGateway iam, string user, Func<string, Task<AwsResult<ManagedPolicyVersion>>> readManaged, CancellationToken ct)
    {
        AwsResult<IReadOnlyList<string>> groups = await InspectionCall.CallAsync("iam:ListGroupsForUser", user, () => iam.ListGroupsForUserAsync(user, ct), ct).ConfigureAwait(false);
        if (groups.Failure is AwsFailure failure)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        var parts = new List<Task<AwsResult<IReadOnlyList<IdentityPolicy>>>>();
        foreach (string group in (groups.Value ?? []).Distinct(StringComparer.Ordinal))
        {
            parts.Add(AttachedChainAsync(
                () => iam.ListAttachedGroupPoliciesAsync(group, ct), "iam:ListAttachedGroupPolicies", group, IdentityPolicySource.AttachedToGroup, group, readManaged, ct));
            parts.Add(InlineChainAsync(
                () => iam.ListGroupPoliciesAsync(group, ct), "iam:ListGroupPolicies", group,
                name => InspectionCall.CallAsync("iam:GetGroupPolicy", $"{group}/{name}", () => iam.GetGroupPolicyAsync(group, name, ct), ct),
                IdentityPolicySource.GroupInline, group, ct));
        }

        AwsResult<IReadOnlyList<IdentityPolicy>>[] results = await Task.WhenAll(parts).ConfigureAwait(false);
        AwsFailure? partFailure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null);
        return partFailure is not null
            ? AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(partFailure)
            : AwsResult<IReadOnlyList<IdentityPolicy>>.Ok([.. results.SelectMany(r => r.Value ?? [])]);
    }

    /// <summary>The values in order, or the first failure.</summary>
    private static AwsResult<IReadOnlyList<IdentityPolicy>> Collect<T>(AwsResult<T>[] results, Func<T, IdentityPolicy> toPolicy)
        where T : class
    {
        AwsFailure? failure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null);
        return failure is not null
            ? AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure)
            : AwsResult<IReadOnlyList<IdentityPolicy>>.Ok([.. results.Select(r => r.Value).OfType<T>().Select(toPolicy)]);
    }

    private static string NameOf(string policyArn) => policyArn[(policyArn.LastIndexOf('/') + 1)..];

    private static Task<AwsResult<ManagedPolicyVersion>> PolicyVersionCall(IIamGateway iam, string policyArn, CancellationToken ct) =>
        InspectionCall.CallAsync("iam:GetPolicyVersion", policyArn, () => iam.GetPolicyDefaultVersionAsync(policyArn, ct), ct);
}
