using System.Xml.Linq;
using IcaKms.Core.Aws;
using static IcaKms.Core.Adapters.Aws.IamQuery;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>
/// The policies of IAM users and groups over the Query API: the managed policies attached to them, their inline
/// policies, a user's groups, and attaching a managed policy to a user.
/// </summary>
internal sealed class IamPrincipalPolicies(IamQuery query)
{
    /// <inheritdoc cref="IIamGateway.ListAttachedUserPoliciesAsync"/>
    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedUserPoliciesAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListAttachedUserPolicies", userName, $"The IAM user {userName} does not exist: check the user name.");
        return query.ListAsync(call, new("UserName", userName), "AttachedPolicies", AttachedPolicyOf, "an attached policy without name or ARN", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.ListUserPoliciesAsync"/>
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListUserPolicies", userName, $"The IAM user {userName} does not exist: check the user name.");
        return query.ListAsync(call, new("UserName", userName), "PolicyNames", NameOf, "an empty policy name", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.GetUserPolicyAsync"/>
    public Task<Result<InlinePolicy, AwsFailure>> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var call = new IamCall(
            "GetUserPolicy", $"{userName}/{policyName}", $"The IAM user {userName} has no inline policy {policyName}: check the user name, or try again if it was just changed.");
        return GetInlineAsync(call, [new("UserName", userName), new("PolicyName", policyName)], policyName, cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.ListGroupsForUserAsync"/>
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListGroupsForUser", userName, $"The IAM user {userName} does not exist: check the user name.");
        return query.ListAsync(call, new("UserName", userName), "Groups", member => member.Element(IamNamespace + "GroupName")?.Value, "a group without a name", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.ListAttachedGroupPoliciesAsync"/>
    public Task<Result<IReadOnlyList<AttachedPolicy>, AwsFailure>> ListAttachedGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var call = new IamCall("ListAttachedGroupPolicies", groupName, $"The IAM group {groupName} does not exist: try again if it was just changed.");
        return query.ListAsync(call, new("GroupName", groupName), "AttachedPolicies", AttachedPolicyOf, "an attached policy without name or ARN", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.ListGroupPoliciesAsync"/>
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListGroupPoliciesAsync(string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var call = new IamCall("ListGroupPolicies", groupName, $"The IAM group {groupName} does not exist: try again if it was just changed.");
        return query.ListAsync(call, new("GroupName", groupName), "PolicyNames", NameOf, "an empty policy name", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.GetGroupPolicyAsync"/>
    public Task<Result<InlinePolicy, AwsFailure>> GetGroupPolicyAsync(string groupName, string policyName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        var call = new IamCall(
            "GetGroupPolicy", $"{groupName}/{policyName}", $"The IAM group {groupName} has no inline policy {policyName}: try again if it was just changed.");
        return GetInlineAsync(call, [new("GroupName", groupName), new("PolicyName", policyName)], policyName, cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.AttachUserPolicyAsync"/>
    public async Task<Result<UserPolicyAttachment, AwsFailure>> AttachUserPolicyAsync(string userName, string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        var call = new IamCall(
            "AttachUserPolicy",
            $"{policyArn} on user {userName}",
            $"The IAM user {userName} or the policy {policyArn} does not exist: create them first, or check the names.")
        {
            LimitMessage = $"The IAM user {userName} already has the most managed policies IAM allows (10 by default): detach one, or attach the policy to a group.",
            ReturnsNothing = true,
        };
        IamAnswer answer = await query.CallAsync(call, [new("UserName", userName), new("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<UserPolicyAttachment>() : Result<UserPolicyAttachment, AwsFailure>.Ok(new UserPolicyAttachment(userName, policyArn));
    }

    /// <summary>Reads an inline policy (GetUserPolicy, GetGroupPolicy): its <c>PolicyDocument</c> is URL-encoded like a policy version's.</summary>
    private async Task<Result<InlinePolicy, AwsFailure>> GetInlineAsync(
        IamCall call, List<KeyValuePair<string, string>> parameters, string policyName, CancellationToken cancellationToken)
    {
        IamAnswer answer = await query.CallAsync(call, parameters, cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<InlinePolicy>();
        }

        string? document = result.Element(IamNamespace + "PolicyDocument")?.Value;
        return document is null
            ? Result<InlinePolicy, AwsFailure>.Fail(IamFailures.Unexpected(call, "no PolicyDocument"))
            : Result<InlinePolicy, AwsFailure>.Ok(new InlinePolicy(policyName, DecodeDocument(document)));
    }

    private static AttachedPolicy? AttachedPolicyOf(XElement member)
    {
        string? name = member.Element(IamNamespace + "PolicyName")?.Value;
        string? arn = member.Element(IamNamespace + "PolicyArn")?.Value;
        return name is null || arn is null ? null : new AttachedPolicy(name, arn);
    }

    private static string? NameOf(XElement member) => string.IsNullOrEmpty(member.Value) ? null : member.Value;
}
