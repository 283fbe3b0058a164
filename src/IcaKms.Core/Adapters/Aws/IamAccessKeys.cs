using System.Xml.Linq;
using IcaKms.Core.Aws;
using static IcaKms.Core.Adapters.Aws.IamQuery;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>A user's IAM access keys over the Query API: list and create.</summary>
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
}
