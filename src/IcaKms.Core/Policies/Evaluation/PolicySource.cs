namespace IcaKms.Core.Policies.Evaluation;

/// <summary>What kind of policy a document is, which decides how it takes part in an evaluation.</summary>
public enum PolicySource
{
    /// <summary>An identity policy of the principal (user, its groups, or role).</summary>
    Identity,

    /// <summary>A KMS key policy.</summary>
    KeyPolicy,

    /// <summary>An S3 bucket policy.</summary>
    BucketPolicy,
}
