namespace IcaKms.Core.Policies.Evaluation;

/// <summary>What the requested resource is, which decides how its resource policy combines with identity policies.</summary>
public enum ResourceKind
{
    /// <summary>A KMS key: the key policy must allow the principal directly or delegate to its account; grants add access.</summary>
    KmsKey,

    /// <summary>An S3 bucket or object: in the same account either policy may allow; across accounts both must.</summary>
    S3,

    /// <summary>Any other resource (e.g. STS's federated user): identity policies decide.</summary>
    Other,
}
