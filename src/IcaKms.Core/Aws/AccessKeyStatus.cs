namespace IcaKms.Core.Aws;

/// <summary>Whether AWS accepts an access key's signatures (IAM's <c>Status</c> of a key).</summary>
public enum AccessKeyStatus
{
    /// <summary>The key signs requests.</summary>
    Active,

    /// <summary>The key is refused, but can be made active again until it is deleted.</summary>
    Inactive,
}
