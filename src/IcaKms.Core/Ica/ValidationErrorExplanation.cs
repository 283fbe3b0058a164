using IcaKms.Core.Checks;

namespace IcaKms.Core.Ica;

/// <summary>
/// Which of IcaKms's live checks most likely explains ICA's <c>errorMessage</c> after a failed validation, read from
/// the AWS error codes and words ICA passes on (ICA documents no list of messages: this is a best guess, said as such).
/// </summary>
/// <param name="CheckIds">The live checks to show beside the message, most likely first; empty when none fits.</param>
/// <param name="Hint">What to look at, in one sentence.</param>
public sealed record ValidationErrorExplanation(IReadOnlyList<string> CheckIds, string Hint)
{
    private static readonly (string[] Words, string[] Checks, string Hint)[] Rules =
    [
        (["InvalidAccessKeyId", "SignatureDoesNotMatch", "security token", "access key"], [],
            "ICA's storage credential: its access key is wrong, deleted, or too new for IAM to know yet (wait a minute and validate again)."),
        (["NoSuchBucket", "bucket does not exist", "bucket not found"], [LiveCheckIds.BucketRegion],
            "The bucket: it must exist, with exactly this name."),
        (["PermanentRedirect", "AuthorizationHeaderMalformed", "region"], [LiveCheckIds.BucketRegion, LiveCheckIds.KeyRegion],
            "The regions: the bucket and the key must be in the ICA region's AWS region."),
        (["DisabledException", "disabled", "pending deletion", "PendingDeletion"], [LiveCheckIds.KeyState],
            "The KMS key's state: it must be enabled."),
        (["KMS.NotFoundException", "NotFoundException", "Invalid keyId", "key not found", "does not exist"], [LiveCheckIds.KeyResolves, LiveCheckIds.KeyRegion],
            "The KMS key: the full key ARN, in the bucket's region."),
        (["kms"], [LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam],
            "KMS access: the IAM policy must allow the KMS actions on the key, and the key policy must let IAM policies grant them."),
        (["encryption", "sse"], [LiveCheckIds.BucketEncryption],
            "The bucket's default encryption: SSE-KMS with this key."),
        (["prefix", "folder"], [LiveCheckIds.PrefixFolder, LiveCheckIds.IamPolicy],
            "The prefix folder and the policy's prefix."),
        (["AccessDenied", "Access Denied", "Forbidden", "not authorized", "403"], [LiveCheckIds.IamPolicy, LiveCheckIds.KeyPolicyIam],
            "The IAM user's permissions: the step 2 policy must be attached to the user whose key ICA holds."),
    ];

    /// <summary>The explanation of an error message (the permissions checks when nothing more specific fits).</summary>
    public static ValidationErrorExplanation Of(string? errorMessage)
    {
        string text = errorMessage ?? string.Empty;
        foreach ((string[] words, string[] checks, string hint) in Rules)
        {
            if (words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return new ValidationErrorExplanation(checks, hint);
            }
        }

        return new ValidationErrorExplanation([LiveCheckIds.IamPolicy, LiveCheckIds.BucketEncryption],
            "ICA's message names no known cause: start with the IAM policy and the bucket's encryption.");
    }
}
