namespace IcaKms.Core.Planning;

/// <summary>The parts of the setup a plan panel shows, in the order the whole script runs them.</summary>
public enum SetupPart
{
    /// <summary>A new customer managed key (only when no key ARN was given).</summary>
    Key,

    /// <summary>The bucket, its settings and the prefix folder.</summary>
    Bucket,

    /// <summary>ICA's IAM user, the managed policy and its attachment.</summary>
    Iam,

    /// <summary>The key policy's cross-account statement.</summary>
    KeyPolicy,

    /// <summary>The test write that proves the setup (last).</summary>
    Verification,
}
