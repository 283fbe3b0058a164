using IcaKms.Core.Policies;
using IcaKms.Core.Policies.Evaluation;

namespace IcaKms.Core.KeyPolicies;

/// <summary>Why a key-policy merge was refused.</summary>
public enum KeyPolicyMergeRefusal
{
    /// <summary>The key is AWS managed (<c>KeyManager=AWS</c>): its policy cannot be changed.</summary>
    AwsManagedKey,

    /// <summary>The role ARN is not an IAM role ARN.</summary>
    InvalidRoleArn,

    /// <summary>The caller's ARN (from STS GetCallerIdentity) is not one the lockout rule can read.</summary>
    InvalidCaller,

    /// <summary>The text is not a JSON policy object with a <c>Statement</c> array of objects.</summary>
    NotAPolicy,

    /// <summary>More than one statement already has the spec's Sid: which one to replace is ambiguous.</summary>
    DuplicateSid,

    /// <summary>The merged document would be over KMS's 32,768-byte key-policy limit.</summary>
    TooLarge,

    /// <summary>The merged policy would no longer let the caller change it (KMS's lockout safety rule).</summary>
    Lockout,
}
