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
    public static async Task<Result<IReadOnlyList<IdentityPolicy>, AwsFailure>?> RunAsync(IIamGateway iam, InspectionRequest request, CancellationToken ct)
    {
        string? user = request.IamUserName;
        string? given = request.PolicyArn;
        if (user is null && given is null)
        {
            return null;
        }

        var managed = new ConcurrentDictionary<string, Lazy<Task<Result<ManagedPolicyVersion, AwsFailure>>>>(StringComparer.Ordinal);
        Task<Result<ManagedPolicyVersion, AwsFailure>> ReadManaged(string arn) =>
            managed.GetOrAdd(arn, a => new Lazy<Task<Result<ManagedPolicyVersion, AwsFailure>>>(() => PolicyVersionCall(iam, a, ct))).Value;

        Task<Result<ManagedPolicyVersion, AwsFailure>>? givenVersion = given is null ? null : ReadManaged(given);
        var parts = new List<Task<Result<IReadOnlyList<IdentityPolicy>, AwsFailure>>>();
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

        Result<IReadOnlyList<IdentityPolicy>, AwsFailure>[] results = await Task.WhenAll(parts).ConfigureAwait(false);
        Result<ManagedPolicyVersion, AwsFailure>? givenResult = givenVersion is null ? null : await givenVersion.ConfigureAwait(false);
        AwsFailure? failure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null) ?? givenResult?.Failure;
        if (failure is not null)
        {
            return Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(failure);
        }

        List<IdentityPolicy> policies = [.. results.SelectMany(r => r.Value ?? [])];
        if (givenResult?.Value is ManagedPolicyVersion version && !policies.Any(p => string.Equals(p.PolicyArn, given, StringComparison.Ordinal)))
        {
            policies.Add(new IdentityPolicy(NameOf(version.PolicyArn), version.Document, IdentityPolicySource.Given, version.PolicyArn));
        }

        return Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Ok(policies);
    }

    /// <summary>Lists a user's or group's attached managed policies, then reads their default versions in parallel.</summary>
    private static async Task<Result<IReadOnlyList<IdentityPolicy>, AwsFailure>> AttachedChainAsync(
        Func<Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>>> list,
        string action,
        string resource,
        IdentityPolicySource source,
        string? group,
        Func<string, Task<Result<ManagedPolicyVersion, AwsFailure>>> readManaged,
        CancellationToken ct)
    {
        Result<IReadOnlyList<AttachedPolicy>, AwsFailure> attached = await InspectionCall.CallAsync(action, resource, list, ct).ConfigureAwait(false);
        if (attached.Failure is AwsFailure failure)
        {
            return Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(failure);
        }

        string[] arns = [.. (attached.Value ?? []).Select(p => p.PolicyArn).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal)];
        Result<ManagedPolicyVersion, AwsFailure>[] versions = await Task.WhenAll(arns.Select(readManaged)).ConfigureAwait(false);
        return Collect(versions, v => new IdentityPolicy(NameOf(v.PolicyArn), v.Document, source, v.PolicyArn, group));
    }

    /// <summary>Lists a user's or group's inline policy names, then reads the documents in parallel.</summary>
    private static async Task<Result<IReadOnlyList<IdentityPolicy>, AwsFailure>> InlineChainAsync(
        Func<Task<Result<IReadOnlyList<string>, AwsFailure>>> list,
        string action,
        string resource,
        Func<string, Task<Result<InlinePolicy, AwsFailure>>> read,
        IdentityPolicySource source,
        string? group,
        CancellationToken ct)
    {
        Result<IReadOnlyList<string>, AwsFailure> names = await InspectionCall.CallAsync(action, resource, list, ct).ConfigureAwait(false);
        if (names.Failure is AwsFailure failure)
        {
            return Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(failure);
        }

        Result<InlinePolicy, AwsFailure>[] documents = await Task.WhenAll((names.Value ?? []).Distinct(StringComparer.Ordinal).Select(read)).ConfigureAwait(false);
        return Collect(documents, d => new IdentityPolicy(d.PolicyName, d.Document, source, null, group));
    }

    /// <summary>Lists the user's groups, then each group's attached and inline policies, all groups in parallel.</summary>
    private static async Task<Result<IReadOnlyList<IdentityPolicy>, AwsFailure>> GroupsChainAsync(
        IIamGateway iam, string user, Func<string, Task<Result<ManagedPolicyVersion, AwsFailure>>> readManaged, CancellationToken ct)
    {
        Result<IReadOnlyList<string>, AwsFailure> groups = await InspectionCall.CallAsync("iam:ListGroupsForUser", user, () => iam.ListGroupsForUserAsync(user, ct), ct).ConfigureAwait(false);
        if (groups.Failure is AwsFailure failure)
        {
            return Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(failure);
        }

        var parts = new List<Task<Result<IReadOnlyList<IdentityPolicy>, AwsFailure>>>();
        foreach (string group in (groups.Value ?? []).Distinct(StringComparer.Ordinal))
        {
            parts.Add(AttachedChainAsync(
                () => iam.ListAttachedGroupPoliciesAsync(group, ct), "iam:ListAttachedGroupPolicies", group, IdentityPolicySource.AttachedToGroup, group, readManaged, ct));
            parts.Add(InlineChainAsync(
                () => iam.ListGroupPoliciesAsync(group, ct), "iam:ListGroupPolicies", group,
                name => InspectionCall.CallAsync("iam:GetGroupPolicy", $"{group}/{name}", () => iam.GetGroupPolicyAsync(group, name, ct), ct),
                IdentityPolicySource.GroupInline, group, ct));
        }

        Result<IReadOnlyList<IdentityPolicy>, AwsFailure>[] results = await Task.WhenAll(parts).ConfigureAwait(false);
        AwsFailure? partFailure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null);
        return partFailure is not null
            ? Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(partFailure)
            : Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Ok([.. results.SelectMany(r => r.Value ?? [])]);
    }

    /// <summary>The values in order, or the first failure.</summary>
    private static Result<IReadOnlyList<IdentityPolicy>, AwsFailure> Collect<T>(Result<T, AwsFailure>[] results, Func<T, IdentityPolicy> toPolicy)
        where T : class
    {
        AwsFailure? failure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null);
        return failure is not null
            ? Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Fail(failure)
            : Result<IReadOnlyList<IdentityPolicy>, AwsFailure>.Ok([.. results.Select(r => r.Value).OfType<T>().Select(toPolicy)]);
    }

    private static string NameOf(string policyArn) => policyArn[(policyArn.LastIndexOf('/') + 1)..];

    private static Task<Result<ManagedPolicyVersion, AwsFailure>> PolicyVersionCall(IIamGateway iam, string policyArn, CancellationToken ct) =>
        InspectionCall.CallAsync("iam:GetPolicyVersion", policyArn, () => iam.GetPolicyDefaultVersionAsync(policyArn, ct), ct);
}
