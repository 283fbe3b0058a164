namespace IcaKms.Web.Services;

/// <summary>What a plan changes: a new key (step 1), the bucket (step 1), IAM (step 2) or the key policy (step 4).</summary>
public enum PlanScope
{
    /// <summary>A new customer managed key, whose ARN then replaces step 1's key.</summary>
    Key,

    /// <summary>The bucket, its settings and the prefix folder.</summary>
    Bucket,

    /// <summary>ICA's IAM user, the managed policy and its attachment.</summary>
    Iam,

    /// <summary>The key policy's cross-account statement.</summary>
    KeyPolicy,
}
