using System.Globalization;
using System.Xml.Linq;
using IcaKms.Core.Aws;
using static IcaKms.Core.Adapters.Aws.IamQuery;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>A user's IAM access keys over the Query API: list, create, last use, (de)activate and delete (their secrets are read only from CreateAccessKey's answer).</summary>
internal sealed class IamAccessKeys(IamQuery query)
{
    /// <inheritdoc cref="IIamGateway.ListAccessKeysAsync"/>
    public Task<Result<IReadOnlyList<string>, AwsFailure>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListAccessKeys", userName, $"The IAM user {userName} does not exist: create it in step 2 first.");
        return query.ListAsync(call, new("UserName", userName), "AccessKeyMetadata", member => member.Element(IamNamespace + "AccessKeyId")?.Value, "an access key without an id", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.CreateAccessKeyAsync"/>
    public async Task<Result<CreatedAccessKey, AwsFailure>> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("CreateAccessKey", userName, $"The IAM user {userName} does not exist: create it in step 2 first.")
        {
            LimitMessage = $"The IAM user {userName} already holds {CreatedAccessKey.MaxKeysPerUser} access keys, IAM's maximum, so no key was created: " +
                "delete one it no longer uses (iam:DeleteAccessKey), or paste an existing key instead.",
        };
        IamAnswer answer = await query.CallAsync(call, [new("UserName", userName)], cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<CreatedAccessKey>();
        }

        XElement? key = result.Element(IamNamespace + "AccessKey");
        string? id = key?.Element(IamNamespace + "AccessKeyId")?.Value;
        string? secret = key?.Element(IamNamespace + "SecretAccessKey")?.Value;
        return string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret)
            ? Result<CreatedAccessKey, AwsFailure>.Fail(IamFailures.Unexpected(call, "an access key without id or secret"))
            : Result<CreatedAccessKey, AwsFailure>.Ok(new CreatedAccessKey(key!.Element(IamNamespace + "UserName")?.Value ?? userName, id, secret));
    }

    /// <inheritdoc cref="IIamGateway.ListAccessKeyMetadataAsync"/>
    public Task<Result<IReadOnlyList<AccessKeyMetadata>, AwsFailure>> ListAccessKeyMetadataAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListAccessKeys", userName, $"The IAM user {userName} does not exist: create it in step 2 first.");
        return query.ListAsync(call, new("UserName", userName), "AccessKeyMetadata", KeyMetadata, "an access key without id, status or creation date", cancellationToken);
    }

    /// <inheritdoc cref="IIamGateway.GetAccessKeyLastUsedAsync"/>
    public async Task<Result<DateTimeOffset?, AwsFailure>> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        var call = new IamCall("GetAccessKeyLastUsed", accessKeyId, $"IAM has no access key {accessKeyId}: list the user's keys again.");
        IamAnswer answer = await query.CallAsync(call, [new("AccessKeyId", accessKeyId)], cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<DateTimeOffset?>();
        }

        // A key that never signed a request has no LastUsedDate (its ServiceName is "N/A").
        string? date = result.Element(IamNamespace + "AccessKeyLastUsed")?.Element(IamNamespace + "LastUsedDate")?.Value;
        return Result<DateTimeOffset?, AwsFailure>.Ok(Date(date));
    }

    /// <inheritdoc cref="IIamGateway.UpdateAccessKeyAsync"/>
    public async Task<Result<bool, AwsFailure>> UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        var call = new IamCall("UpdateAccessKey", $"{accessKeyId} of {userName}", $"The IAM user {userName} has no access key {accessKeyId}: list its keys again.")
        {
            ReturnsNothing = true,
        };
        IamAnswer answer = await query.CallAsync(call, [new("UserName", userName), new("AccessKeyId", accessKeyId), new("Status", status.ToString())], cancellationToken)
            .ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<bool>() : Result<bool, AwsFailure>.Ok(true);
    }

    /// <inheritdoc cref="IIamGateway.DeleteAccessKeyAsync"/>
    public async Task<Result<bool, AwsFailure>> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        var call = new IamCall("DeleteAccessKey", $"{accessKeyId} of {userName}", $"The IAM user {userName} has no access key {accessKeyId}: it was deleted already, or list its keys again.")
        {
            ReturnsNothing = true,
        };
        IamAnswer answer = await query.CallAsync(call, [new("UserName", userName), new("AccessKeyId", accessKeyId)], cancellationToken).ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<bool>() : Result<bool, AwsFailure>.Ok(true);
    }

    private static AccessKeyMetadata? KeyMetadata(XElement member)
    {
        string? id = member.Element(IamNamespace + "AccessKeyId")?.Value;
        DateTimeOffset? created = Date(member.Element(IamNamespace + "CreateDate")?.Value);
        bool? active = member.Element(IamNamespace + "Status")?.Value switch
        {
            "Active" => true,
            "Inactive" => false,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(id) || created is null || active is null
            ? null
            : new AccessKeyMetadata(id, active.Value ? AccessKeyStatus.Active : AccessKeyStatus.Inactive, created.Value);
    }

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) ? date : null;
}
