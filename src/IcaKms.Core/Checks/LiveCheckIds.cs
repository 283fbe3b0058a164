namespace IcaKms.Core.Checks;

/// <summary>The ids of the checks <see cref="LiveChecks.Evaluate"/> returns, in the order it returns them.</summary>
public static class LiveCheckIds
{
    /// <summary>The bucket exists and is in the ICA region.</summary>
    public const string BucketRegion = "bucket-region";

    /// <summary>Default encryption is SSE-KMS (<c>aws:kms</c>) with the wizard's key.</summary>
    public const string BucketEncryption = "bucket-encryption";

    /// <summary>S3 Bucket Key is on, so S3 calls KMS far less often.</summary>
    public const string BucketKey = "bucket-key";

    /// <summary>The prefix folder exists in the bucket.</summary>
    public const string PrefixFolder = "prefix-folder";

    /// <summary>Object Ownership is "Bucket owner enforced".</summary>
    public const string ObjectOwnership = "object-ownership";

    /// <summary>Block Public Access is fully on.</summary>
    public const string PublicAccess = "public-access";

    /// <summary>The bucket policy denies ICA's user none of the S3 actions it needs.</summary>
    public const string BucketPolicy = "bucket-policy";

    /// <summary>The key as typed resolves to a key, and was typed as its full key ARN.</summary>
    public const string KeyResolves = "key-resolves";

    /// <summary>The key is in the ICA region.</summary>
    public const string KeyRegion = "key-region";

    /// <summary>The key is a symmetric encryption key (<c>SYMMETRIC_DEFAULT</c>, <c>ENCRYPT_DECRYPT</c>).</summary>
    public const string KeySpec = "key-spec";

    /// <summary>The key is enabled (not disabled, not pending deletion).</summary>
    public const string KeyState = "key-state";

    /// <summary>The key is customer managed.</summary>
    public const string KeyManager = "key-manager";

    /// <summary>The bucket's versioning decides the policy variant, and the wizard's choice matches it.</summary>
    public const string BucketVersioning = "bucket-versioning";

    /// <summary>The IAM user's managed policies (or the given policy) allow every action the spec needs on the bucket and key.</summary>
    public const string IamPolicy = "iam-policy-live";

    /// <summary>The key policy lets IAM policies grant access (account root), or names the ICA IAM user.</summary>
    public const string KeyPolicyIam = "key-policy-iam";

    /// <summary>The key policy holds the spec's cross-account statement for ICA's role (only when cross-account copy is chosen).</summary>
    public const string KeyPolicyCrossAccount = "key-policy-cross-account";
}
