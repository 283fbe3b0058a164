using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning.Rotation;

/// <summary>Reads what a rotation is planned from: the IAM user's keys with their status, creation and last use (never a secret).</summary>
public static class AccessKeyReader
{
    /// <summary>
    /// The user's keys (<c>iam:ListAccessKeys</c>) each with its last use (<c>iam:GetAccessKeyLastUsed</c>), or why they
    /// could not be read, in words a person can act on.
    /// </summary>
    /// <param name="iam">The IAM gateway of the admin's AWS session.</param>
    /// <param name="userName">The IAM user whose key ICA holds.</param>
    /// <param name="ct">Cancels the reads.</param>
    public static async Task<(IReadOnlyList<AccessKeyUse> Keys, string? Problem)> ReadAsync(IIamGateway iam, string userName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(iam);
        Result<IReadOnlyList<AccessKeyMetadata>, AwsFailure> listed = await iam.ListAccessKeyMetadataAsync(userName, ct).ConfigureAwait(false);
        if (listed.Value is not { } metadata)
        {
            return ([], $"The access keys of {userName} could not be read: {listed.Failure?.Message}");
        }

        var keys = new List<AccessKeyUse>();
        foreach (AccessKeyMetadata key in metadata)
        {
            Result<DateTimeOffset?, AwsFailure> used = await iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, ct).ConfigureAwait(false);
            if (used.Failure is { } failure)
            {
                return ([], $"When {key.AccessKeyId} was last used could not be read: {failure.Message}");
            }

            keys.Add(new AccessKeyUse(key.AccessKeyId, key.Status, key.Created, used.Value));
        }

        return (keys, null);
    }
}
