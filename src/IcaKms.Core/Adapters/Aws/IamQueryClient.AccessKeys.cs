using System.Globalization;
using System.Xml.Linq;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>The IAM calls about an IAM user's access keys that a rotation needs (their secrets are never read here).</summary>
public sealed partial class IamQueryClient
{
    /// <inheritdoc />
    public Task<AwsResult<IReadOnlyList<AccessKeyMetadata>>> ListAccessKeyMetadataAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var call = new IamCall("ListAccessKeys", userName, $"The IAM user {userName} does not exist: create it in step 2 first.");
        return ListAsync(call, new("UserName", userName), "AccessKeyMetadata", KeyMetadata, "an access key without id, status or creation date", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AwsResult<DateTimeOffset?>> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        var call = new IamCall("GetAccessKeyLastUsed", accessKeyId, $"IAM has no access key {accessKeyId}: list the user's keys again.");
        IamAnswer answer = await CallAsync(call, [new("AccessKeyId", accessKeyId)], cancellationToken).ConfigureAwait(false);
        if (answer.Result is not { } result)
        {
            return answer.Fail<DateTimeOffset?>();
        }

        // A key that never signed a request has no LastUsedDate (its ServiceName is "N/A").
        string? date = result.Element(IamNamespace + "AccessKeyLastUsed")?.Element(IamNamespace + "LastUsedDate")?.Value;
        return AwsResult<DateTimeOffset?>.Ok(Date(date));
    }

    /// <inheritdoc />
    public async Task<AwsResult<bool>> UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        var call = new IamCall("UpdateAccessKey", $"{accessKeyId} of {userName}", $"The IAM user {userName} has no access key {accessKeyId}: list its keys again.")
        {
            ReturnsNothing = true,
        };
        IamAnswer answer = await CallAsync(call, [new("UserName", userName), new("AccessKeyId", accessKeyId), new("Status", status.ToString())], cancellationToken)
            .ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<bool>() : AwsResult<bool>.Ok(true);
    }

    /// <inheritdoc />
    public async Task<AwsResult<bool>> DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        var call = new IamCall("DeleteAccessKey", $"{accessKeyId} of {userName}", $"The IAM user {userName} has no access key {accessKeyId}: it was deleted already, or list its keys again.")
        {
            ReturnsNothing = true,
        };
        IamAnswer answer = await CallAsync(call, [new("UserName", userName), new("AccessKeyId", accessKeyId)], cancellationToken).ConfigureAwait(false);
        return answer.Result is null ? answer.Fail<bool>() : AwsResult<bool>.Ok(true);
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
