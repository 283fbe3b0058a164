using System.Globalization;
using System.Xml.Linq;
using IcaKms.Core.Aws;
using IcaKms.Core.Planning;
using IcaKms.Core.Policies;
using static IcaKms.Core.Adapters.Aws.IamQuery;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>IAM managed policies over the Query API: read the default version, list, create, add and delete versions.</summary>
internal sealed class IamManagedPolicies(IamQuery query)
{
    /// <inheritdoc cref="IIamGateway.GetPolicyDefaultVersionAsync"/>
    public async Task<Result<ManagedPolicyVersion, AwsFailure>> GetPolicyDefaultVersionAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);

        var getPolicy = new IamCall("GetPolicy", policyArn, $"The policy {policyArn} does not exist: check the ARN.");
        IamAnswer policy = await query.CallAsync(getPolicy, [new("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false);
        if (policy.Result is not { } policyResult)
        {
            return policy.Fail<ManagedPolicyVersion>();
        }

        string? versionId = policyResult.Element(IamNamespace + "Policy")?.Element(IamNamespace + "DefaultVersionId")?.Value;
        if (string.IsNullOrWhiteSpace(versionId))
        {
            return Result<ManagedPolicyVersion, AwsFailure>.Fail(IamFailures.Unexpected(getPolicy, "no DefaultVersionId"));
        }

        var getVersion = new IamCall(
            "GetPolicyVersion",
            policyArn,
            $"The policy {policyArn} has no version {versionId}: check the ARN, or try again if the policy was just changed.");
        IamAnswer version = await query.CallAsync(
            getVersion,
            [new("PolicyArn", policyArn), new("VersionId", versionId)],
            cancellationToken).ConfigureAwait(false);
        if (version.Result is not { } versionResult)
        {
            return version.Fail<ManagedPolicyVersion>();
        }

        string? document = versionResult.Element(IamNamespace + "PolicyVersion")?.Element(IamNamespace + "Document")?.Value;
        if (document is null)
        {
            return Result<ManagedPolicyVersion, AwsFailure>.Fail(IamFailures.Unexpected(getVersion, "no policy Document"));
        }

        return Result<ManagedPolicyVersion, AwsFailure>.Ok(new ManagedPolicyVersion(policyArn, versionId, DecodeDocument(document)));
    }

    /// <inheritdoc cref="IIamGateway.ListPolicyVersionsAsync"/>
    public Task<Result<IReadOnlyList<PolicyVersionInfo>, AwsFailure>> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        var call = new IamCall("ListPolicyVersions", policyArn, $"The policy {policyArn} does not exist: check the ARN.");
        return query.ListAsync(call, new("PolicyArn", policyArn), "Versions", VersionOf, "a policy version without id or creation date", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.CreatePolicyAsync"/>
    public async Task<Result<CreatedPolicy, AwsFailure>> CreatePolicyAsync(
        string policyName, string policyDocument, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyDocument);
        var call = new IamCall("CreatePolicy", policyName, $"IAM could not create the policy {policyName}: check the policy name.")
        {
            AlreadyExistsMessage = $"A managed policy named {policyName} already exists in the account: add a new version to it instead of creating it.",
            LimitMessage = $"IAM refused to create the policy {policyName}: an IAM quota was reached (the policy's size, or the account's number of managed policies).",
        };
        if (TooLarge(call, policyDocument) is { } tooLarge)
        {
            return Result<CreatedPolicy, AwsFailure>.Fail(tooLarge);
        }

        List<KeyValuePair<string, string>> parameters = [new("PolicyName", policyName), new("PolicyDocument", policyDocument)];
        if (!string.IsNullOrEmpty(description))
        {
            parameters.Add(new("Description", description));
        }

        IamAnswer answer = await query.CallAsync(call, parameters, cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<CreatedPolicy>();
        }

        XElement? policy = result.Element(IamNamespace + "Policy");
        string? arn = policy?.Element(IamNamespace + "Arn")?.Value;
        string? versionId = policy?.Element(IamNamespace + "DefaultVersionId")?.Value;
        return string.IsNullOrWhiteSpace(arn) || string.IsNullOrWhiteSpace(versionId)
            ? Result<CreatedPolicy, AwsFailure>.Fail(IamFailures.Unexpected(call, "a policy without Arn or DefaultVersionId"))
            : Result<CreatedPolicy, AwsFailure>.Ok(new CreatedPolicy(policy!.Element(IamNamespace + "PolicyName")?.Value ?? policyName, arn, versionId));
    }

    /// <inheritdoc cref="IIamGateway.CreatePolicyVersionAsync"/>
    public async Task<Result<PolicyVersionInfo, AwsFailure>> CreatePolicyVersionAsync(string policyArn, string policyDocument, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyDocument);
        var call = new IamCall("CreatePolicyVersion", policyArn, $"The policy {policyArn} does not exist: create it, or check the ARN.")
        {
            LimitMessage = $"The policy {policyArn} already has {PolicyVersionPlan.MaxVersions} versions, IAM's maximum, so no version was added: "
                + "delete its oldest non-default version (iam:DeletePolicyVersion), then add the new one.",
        };
        if (TooLarge(call, policyDocument) is { } tooLarge)
        {
            return Result<PolicyVersionInfo, AwsFailure>.Fail(tooLarge);
        }

        IamAnswer answer = await query.CallAsync(
            call,
            [new("PolicyArn", policyArn), new("PolicyDocument", policyDocument), new("SetAsDefault", "true")],
            cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<PolicyVersionInfo>();
        }

        return result.Element(IamNamespace + "PolicyVersion") is { } version && VersionOf(version) is { } created
            ? Result<PolicyVersionInfo, AwsFailure>.Ok(created)
            : Result<PolicyVersionInfo, AwsFailure>.Fail(IamFailures.Unexpected(call, "a policy version without id or creation date"));
    }

    /// <inheritdoc cref="IIamGateway.DeletePolicyVersionAsync"/>
    public async Task<Result<DeletedPolicyVersion, AwsFailure>> DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(versionId);
        var call = new IamCall(
            "DeletePolicyVersion",
            $"{policyArn} version {versionId}",
            $"The policy {policyArn} has no version {versionId}: it may have been deleted already; inspect again.")
        {
            ConflictMessage = $"Version {versionId} is the default version of {policyArn}, which IAM never deletes: delete a non-default version instead.",
            ReturnsNothing = true,
        };
        IamAnswer answer = await query.CallAsync(call, [new("PolicyArn", policyArn), new("VersionId", versionId)], cancellationToken).ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<DeletedPolicyVersion>() : Result<DeletedPolicyVersion, AwsFailure>.Ok(new DeletedPolicyVersion(policyArn, versionId));
    }

    /// <summary>The failure for a document IAM would refuse for its size, or null when it fits.</summary>
    private static AwsFailure? TooLarge(IamCall call, string policyDocument)
    {
        int characters = PolicyText.Measure(policyDocument).CharacterCount;
        return characters > PolicySummary.CharacterLimit ? IamFailures.DocumentTooLarge(call, characters, PolicySummary.CharacterLimit) : null;
    }

    /// <summary>A <c>PolicyVersion</c> (or ListPolicyVersions member); null when its id or creation date is missing or unreadable.</summary>
    private static PolicyVersionInfo? VersionOf(XElement version)
    {
        string? id = version.Element(IamNamespace + "VersionId")?.Value.Trim();
        string? created = version.Element(IamNamespace + "CreateDate")?.Value.Trim();
        bool isDefault = string.Equals(version.Element(IamNamespace + "IsDefaultVersion")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return string.IsNullOrEmpty(id)
            || !DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset createDate)
            ? null
            : new PolicyVersionInfo(id, isDefault, createDate);
    }
}
