using IcaKms.Core.Policies.Evaluation;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Applying;

/// <summary>
/// Why a bucket policy refuses the verification write, by the evaluator: a write without encryption headers against one
/// with the SSE-KMS headers and the key. The writer's own ARN is not known here, so the question is asked for a principal
/// of the bucket's account; statements naming particular principals may then not apply, and the answer says only what
/// the policy shows for everyone.
/// </summary>
internal static class VerificationWrite
{
    /// <summary>What the bucket policy says about the refused write.</summary>
    /// <param name="RetryWithSseKms">True when a statement refuses the header-less write and the write with the headers passes it.</param>
    /// <param name="Statement">The refusing statement, e.g. "statement 'DenyUnencrypted' of the bucket policy".</param>
    /// <param name="Note">What to tell the person when no retry helps (starts with a space, or empty).</param>
    public sealed record Explanation(bool RetryWithSseKms, string Statement, string Note);

    /// <summary>Explains a refused header-less PutObject from the bucket policy (null: none or not readable).</summary>
    public static Explanation Explain(string? bucketPolicy, string bucket, string key, string keyArn)
    {
        if (bucketPolicy is null || EvaluablePolicy.Read("the bucket policy", PolicySource.BucketPolicy, bucketPolicy, out _) is not EvaluablePolicy policy
            || ArnParts.Parse(keyArn) is not ArnParts keyParts || RequestPrincipal.Parse(ArnParts.IamUser(keyParts.Partition, keyParts.Account, "icakms-verification")) is not RequestPrincipal writer)
        {
            return new Explanation(false, string.Empty, string.Empty);
        }

        string objectArn = new ArnParts(keyParts.Partition, "s3", string.Empty, string.Empty, $"{bucket}/{key}").ToString();
        AccessDecision Decide(string? sseKey)
        {
            var values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
            {
                ["aws:SecureTransport"] = ContextValue.Of("true", "IcaKms's SDK calls S3 over HTTPS"),
                ["s3:x-amz-server-side-encryption"] = sseKey is null ? ContextValue.Absent("no header sent") : ContextValue.Of("aws:kms", "header sent"),
                ["s3:x-amz-server-side-encryption-aws-kms-key-id"] = sseKey is null ? ContextValue.Absent("no header sent") : ContextValue.Of(sseKey, "header sent"),
            };
            return AccessEvaluator.Evaluate(
                new AccessRequest(writer, "s3:PutObject", objectArn, new RequestContext(values)),
                new AccessPolicies { Kind = ResourceKind.S3, ResourceAccount = writer.Account, Resource = policy, AssumedIdentity = "your IAM policies" });
        }

        AccessDecision plain = Decide(null);
        if (plain.Verdict != AccessVerdict.ExplicitDeny)
        {
            return new Explanation(false, string.Empty, string.Empty);
        }

        AccessDecision withHeaders = Decide(keyArn);
        return withHeaders.Verdict == AccessVerdict.ExplicitDeny
            ? new Explanation(false, plain.DecidedBy,
                $" {Capitalize(withHeaders.DecidedBy)} refuses the write even with the SSE-KMS headers and {keyArn}: make it allow writes encrypted with this key (ICA writes with it), then verify again.")
            : new Explanation(true, plain.DecidedBy, string.Empty);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
