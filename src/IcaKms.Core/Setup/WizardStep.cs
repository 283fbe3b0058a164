namespace IcaKms.Core.Setup;

/// <summary>The wizard's steps, in the order of ICA's help page, then a review.</summary>
public enum WizardStep
{
    /// <summary>"Create an S3 bucket with SSE-KMS": region, bucket, key, prefix folder.</summary>
    Bucket,

    /// <summary>"Connect the S3-SSE-KMS to ICA": the IAM policy.</summary>
    IamPolicy,

    /// <summary>"Create the S3-SSE-KMS configuration in ICA": the storage configuration values.</summary>
    IcaConfiguration,

    /// <summary>"Additional set up for Cross Account Copy": the key-policy statement (optional).</summary>
    CrossAccount,

    /// <summary>Every check in one list and all documents to download.</summary>
    Review,
}
