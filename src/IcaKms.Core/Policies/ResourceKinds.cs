namespace IcaKms.Core.Policies;

/// <summary>The kinds of resource the spec's actions act on; a resource pattern may match several.</summary>
[Flags]
internal enum ResourceKinds
{
    /// <summary>None of the kinds the spec's actions act on.</summary>
    None = 0,

    /// <summary>A KMS key (<c>arn:aws:kms:region:account:key/id</c>).</summary>
    KmsKey = 1,

    /// <summary>An S3 bucket (<c>arn:aws:s3:::bucket</c>, no <c>/</c>).</summary>
    S3Bucket = 2,

    /// <summary>S3 objects (<c>arn:aws:s3:::bucket/key</c>).</summary>
    S3Object = 4,

    /// <summary>An STS federated user, the resource of <c>sts:GetFederationToken</c>.</summary>
    FederatedUser = 8,

    /// <summary>Every kind (<c>"*"</c>, or a wildcard this check cannot narrow down).</summary>
    All = KmsKey | S3Bucket | S3Object | FederatedUser,
}
