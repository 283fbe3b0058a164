namespace IcaKms.Core;

/// <summary>
/// The six colon-separated parts of an ARN, <c>arn:partition:service:region:account:resource</c>: the one place that
/// reads ARNs (<see cref="Parse"/>, <see cref="ParseLeading"/>) and builds them (<see cref="Bucket"/>,
/// <see cref="Objects"/>, <see cref="Key"/>, <see cref="AccountRoot"/>, <see cref="IamUser"/>, <see cref="IamRole"/>).
/// </summary>
/// <param name="Partition">The partition: <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, or whatever was typed.</param>
/// <param name="Service">The service, e.g. <c>kms</c>.</param>
/// <param name="Region">The region; empty for global services (IAM, S3 buckets).</param>
/// <param name="Account">The account id; empty for S3 buckets.</param>
/// <param name="Resource">Everything after the fifth colon (it may hold more colons).</param>
public sealed record ArnParts(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>AWS's commercial partition, the only one ICA runs in.</summary>
    public const string CommercialPartition = "aws";

    /// <summary>The partitions an ARN may name.</summary>
    public static IReadOnlyList<string> Partitions { get; } = [CommercialPartition, "aws-cn", "aws-us-gov"];

    /// <summary>True when the partition is one of <see cref="Partitions"/>.</summary>
    public bool HasKnownPartition => Partitions.Contains(Partition, StringComparer.Ordinal);

    /// <summary>True when the ARN is in AWS's commercial partition (<c>aws</c>), where every ICA region is.</summary>
    public bool IsCommercial => Partition == CommercialPartition;

    /// <summary>True when the account is exactly 12 digits.</summary>
    public bool HasAccountId => Account.Length == 12 && Account.All(char.IsAsciiDigit);

    /// <summary>
    /// Why a resource in another known partition (<c>aws-cn</c>, <c>aws-us-gov</c>) can never serve ICA, or null when the
    /// partition is <c>aws</c> or unknown.
    /// </summary>
    /// <param name="what">What the ARN names, for the message (e.g. "key", "role").</param>
    public string? NonCommercialPartitionError(string what) => HasKnownPartition && !IsCommercial
        ? $"ICA runs only in AWS's commercial partition ({CommercialPartition}); a {what} in {Partition} can never serve ICA: use one in an arn:{CommercialPartition}:… account."
        : null;

    /// <summary>Splits an ARN into its parts, or returns null when it does not start with <c>arn:</c> or has too few parts.</summary>
    public static ArnParts? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" ? new ArnParts(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    /// <summary>
    /// Reads as many parts as there are, for resource patterns in policies that may be cut short (such as the spec's
    /// placeholder <c>arn:aws:kms:xxx</c>): null unless it starts with <c>arn:</c> and names a partition and a
    /// service; missing parts are empty and <paramref name="complete"/> says whether all six were there.
    /// </summary>
    public static ArnParts? ParseLeading(string text, out bool complete)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':', 6);
        complete = parts.Length == 6 && parts[0] == "arn";
        if (parts.Length < 3 || parts[0] != "arn")
        {
            return null;
        }

        string Part(int i) => i < parts.Length ? parts[i] : string.Empty;
        return new ArnParts(parts[1], parts[2], Part(3), Part(4), Part(5));
    }

    /// <summary>The ARN of an S3 bucket: <c>arn:partition:s3:::bucket</c>.</summary>
    public static string Bucket(string partition, string bucketName) =>
        new ArnParts(partition, "s3", string.Empty, string.Empty, bucketName).ToString();

    /// <summary>
    /// The ARN pattern of a bucket's objects: <c>arn:partition:s3:::bucket/*</c>, or only those under a prefix
    /// (<c>arn:partition:s3:::bucket/prefix/*</c>).
    /// </summary>
    public static string Objects(string partition, string bucketName, string? keyPrefix = null) =>
        new ArnParts(partition, "s3", string.Empty, string.Empty, $"{bucketName}/{keyPrefix}*").ToString();

    /// <summary>The ARN of a KMS key: <c>arn:partition:kms:region:account:key/id</c>.</summary>
    public static string Key(string partition, string region, string account, string keyId) =>
        new ArnParts(partition, "kms", region, account, $"key/{keyId}").ToString();

    /// <summary>The ARN of an account's root principal: <c>arn:partition:iam::account:root</c>.</summary>
    public static string AccountRoot(string partition, string account) =>
        new ArnParts(partition, "iam", string.Empty, account, "root").ToString();

    /// <summary>The ARN of an IAM user: <c>arn:partition:iam::account:user/name</c> (the name may carry a path).</summary>
    public static string IamUser(string partition, string account, string userName) =>
        new ArnParts(partition, "iam", string.Empty, account, $"user/{userName}").ToString();

    /// <summary>The ARN of an IAM role: <c>arn:partition:iam::account:role/name</c> (the name may carry a path).</summary>
    public static string IamRole(string partition, string account, string roleName) =>
        new ArnParts(partition, "iam", string.Empty, account, $"role/{roleName}").ToString();

    /// <summary>The ARN as text, <c>arn:partition:service:region:account:resource</c>.</summary>
    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
