namespace IcaKms.Core.Validation;

/// <summary>The six colon-separated parts of an ARN: <c>arn:partition:service:region:account:resource</c>.</summary>
internal sealed record ArnParts(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The partitions an ARN may name.</summary>
    public static IReadOnlyList<string> Partitions { get; } = ["aws", "aws-cn", "aws-us-gov"];

    /// <summary>True when the partition is one of <see cref="Partitions"/>.</summary>
    public bool HasKnownPartition => Partitions.Contains(Partition, StringComparer.Ordinal);

    /// <summary>True when the account is exactly 12 digits.</summary>
    public bool HasAccountId => Account.Length == 12 && Account.All(char.IsAsciiDigit);

    /// <summary>Splits an ARN into its parts, or returns null when it does not start with <c>arn:</c> or has too few parts.</summary>
    public static ArnParts? Parse(string text)
    {
        string[] parts = text.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" ? new ArnParts(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }
}
