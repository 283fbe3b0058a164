using IcaKms.Core.Validation;

namespace IcaKms.Core.Policies;

/// <summary>
/// Reads a resource pattern of a policy (<c>arn:partition:service:region:account:resource</c>, possibly with
/// wildcards) just enough to tell which kinds of resource it can match. When unsure it assumes the broader answer,
/// so the check never calls a working action misplaced.
/// </summary>
internal static class ResourceArn
{
    /// <summary>The kinds of resource the pattern can match.</summary>
    public static ResourceKinds KindsOf(string resource)
    {
        if (resource == "*")
        {
            return ResourceKinds.All;
        }

        ArnParts? arn = ArnParts.ParseLeading(resource, out bool complete);
        if (arn is null)
        {
            // A wildcard in something that is not an ARN: cannot narrow it down.
            return IamGlob.HasWildcard(resource) ? ResourceKinds.All : ResourceKinds.None;
        }

        if (IamGlob.HasWildcard(arn.Partition) || IamGlob.HasWildcard(arn.Service))
        {
            // A wildcard partition or service: cannot narrow it down.
            return ResourceKinds.All;
        }

        return arn.Service switch
        {
            "kms" => ResourceKinds.KmsKey,
            "sts" => ResourceKinds.FederatedUser,
            "s3" when !complete || arn.Region.Length > 0 || arn.Account.Length > 0 => ResourceKinds.S3Bucket | ResourceKinds.S3Object,
            "s3" when arn.Resource.Contains('/', StringComparison.Ordinal) => ResourceKinds.S3Object,
            "s3" when IamGlob.HasWildcard(arn.Resource) => ResourceKinds.S3Bucket | ResourceKinds.S3Object,
            "s3" => ResourceKinds.S3Bucket,
            _ => ResourceKinds.None,
        };
    }

    /// <summary>The service of an ARN in lower case, <c>*</c> for <c>"*"</c> or a wildcard service, null when not an ARN.</summary>
    public static string? ServiceOf(string resource)
    {
        if (resource == "*")
        {
            return "*";
        }

        ArnParts? arn = ArnParts.ParseLeading(resource, out _);
        if (arn is null)
        {
            return null;
        }

        return IamGlob.HasWildcard(arn.Service) ? "*" : arn.Service.ToLowerInvariant();
    }

    /// <summary>True for a KMS alias ARN (<c>arn:aws:kms:region:account:alias/name</c>).</summary>
    public static bool IsKmsAlias(string resource) =>
        KmsResourcePart(resource) is string part && part.StartsWith("alias/", StringComparison.Ordinal);

    /// <summary>True for a literal KMS key ARN (<c>…:key/id</c>, no wildcard).</summary>
    public static bool IsKmsKey(string resource) =>
        KmsResourcePart(resource) is string part && part.StartsWith("key/", StringComparison.Ordinal) && !IamGlob.HasWildcard(resource);

    /// <summary>True for the spec's key placeholder <c>arn:aws:kms:xxx</c>.</summary>
    public static bool IsKeyPlaceholder(string resource) =>
        string.Equals(resource, IcaIamPolicy.KeyPlaceholder, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a KMS ARN that names neither a key, an alias nor a wildcard: a placeholder or a truncated ARN.</summary>
    public static bool IsIncompleteKmsArn(string resource)
    {
        ArnParts? arn = ArnParts.ParseLeading(resource, out bool complete);
        if (arn is null || arn.Service != "kms")
        {
            return false;
        }

        return !complete
            || !(arn.Resource.StartsWith("key/", StringComparison.Ordinal) || arn.Resource.StartsWith("alias/", StringComparison.Ordinal) || IamGlob.HasWildcard(arn.Resource));
    }

    /// <summary>True when the resource still holds the spec's <c>BUCKET_NAME</c>.</summary>
    public static bool HasBucketPlaceholder(string resource) =>
        resource.Contains(IcaIamPolicy.BucketPlaceholder, StringComparison.Ordinal);

    /// <summary>The bucket an S3 ARN names (its resource part up to the first <c>/</c>), or null when not an S3 bucket or object ARN.</summary>
    public static string? S3Bucket(string resource)
    {
        if (ArnParts.Parse(resource) is not { Service: "s3", Region.Length: 0, Account.Length: 0 } arn)
        {
            return null;
        }

        int slash = arn.Resource.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? arn.Resource : arn.Resource[..slash];
    }

    /// <summary>True for an S3 object ARN or pattern (<c>arn:aws:s3:::bucket/…</c>).</summary>
    public static bool IsS3Object(string resource) =>
        S3Bucket(resource) is not null && ArnParts.Parse(resource)!.Resource.Contains('/', StringComparison.Ordinal);

    /// <summary>
    /// True when the pattern reaches every bucket or key rather than one: <c>"*"</c>, a wildcard service,
    /// a wildcard in an S3 bucket name, or any wildcard in a KMS ARN.
    /// </summary>
    public static bool IsBroad(string resource)
    {
        if (resource == "*")
        {
            return true;
        }

        ArnParts? arn = ArnParts.ParseLeading(resource, out _);
        if (arn is null)
        {
            return IamGlob.HasWildcard(resource);
        }

        if (IamGlob.HasWildcard(arn.Partition) || IamGlob.HasWildcard(arn.Service))
        {
            return true;
        }

        return arn.Service switch
        {
            "kms" => IamGlob.HasWildcard(resource),
            "s3" => S3Bucket(resource) is string bucket ? IamGlob.HasWildcard(bucket) : IamGlob.HasWildcard(resource),
            _ => false,
        };
    }

    private static string? KmsResourcePart(string resource) =>
        ArnParts.Parse(resource) is { Service: "kms" } arn ? arn.Resource : null;
}
