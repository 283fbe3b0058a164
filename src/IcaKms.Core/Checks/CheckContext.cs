using IcaKms.Core.Aws;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>The snapshot and the request, with the values several checks derive from them worked out once.</summary>
internal sealed class CheckContext
{
    public CheckContext(LiveSnapshot snapshot, InspectionRequest request)
    {
        Snapshot = snapshot;
        Request = request;

        // DescribeKey's answer first; else the key as given when it is a key ARN (of any region: a full ARN names its key).
        GivenKeyArn = ArnParts.Parse(request.Key) is { Service: "kms" } given && given.Resource.StartsWith("key/", StringComparison.Ordinal) ? given : null;
        KeyArn = snapshot.Key.Value?.KeyArn ?? request.KeyArn ?? GivenKeyArn?.ToString();
        ArnParts? parts = KeyArn is null ? null : ArnParts.Parse(KeyArn);
        Account = snapshot.Key.Value?.Account ?? parts?.Account;
        Partition = parts?.Partition ?? GivenKeyArn?.Partition;
    }

    public LiveSnapshot Snapshot { get; }

    public InspectionRequest Request { get; }

    /// <summary>The bucket name when valid, else null.</summary>
    public string? Bucket => Request.BucketName;

    /// <summary>The key as given, trimmed.</summary>
    public string KeyInput => Request.Key;

    /// <summary>The wizard's key ARN: resolved by DescribeKey, else as given when it is a key ARN (even of another region), else null.</summary>
    public string? KeyArn { get; }

    /// <summary>The key as given, split, when it is a KMS key ARN (of any region); else null.</summary>
    public ArnParts? GivenKeyArn { get; }

    /// <summary>
    /// The region of a key given as a key ARN of another region than the ICA region (DescribeKey in the ICA region
    /// cannot see it); null otherwise.
    /// </summary>
    public string? KeyElsewhere =>
        Key is null && GivenKeyArn is { } given && !string.Equals(given.Region, Request.AwsRegion, StringComparison.Ordinal) ? given.Region : null;

    /// <summary>The key's account (the account whose root and IAM users the key policy is about).</summary>
    public string? Account { get; }

    /// <summary>The key ARN's partition; null when no key ARN is known.</summary>
    public string? Partition { get; }

    /// <summary>The wizard key's description when DescribeKey succeeded.</summary>
    public KmsKeyDescription? Key => Snapshot.Key.Value;

    /// <summary>The account root principal ARN, or null when the account is not known.</summary>
    public string? RootArn => Account is null || Partition is null ? null : ArnParts.AccountRoot(Partition, Account);
}
