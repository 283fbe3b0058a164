using System.Security.Cryptography;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Applying;

/// <summary>The outcome of the verification write.</summary>
/// <param name="Passed">True when S3 stored the test object with SSE-KMS and exactly the expected key, by default.</param>
/// <param name="Message">What was found, in one sentence.</param>
public sealed record VerificationResult(bool Passed, string Message);

/// <summary>
/// Proves the setup with a real write, as S3 does not check the key when the default encryption is set: a small
/// object is written under the prefix WITHOUT encryption headers (so the bucket's default decides), read back with
/// HeadObject, and deleted again (its version too, on a versioned bucket). When that write is refused and the bucket
/// policy says it is for want of the SSE-KMS header, it is written again with the header and the key, as ICA writes,
/// and HeadObject confirms the key; any other refusal names the bucket-policy statement and what to do.
/// </summary>
public static class SetupVerification
{
    /// <summary>Writes, checks and deletes the test object.</summary>
    public static async Task<VerificationResult> RunAsync(IS3Gateway s3, string bucket, string prefix, string keyArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s3);
        string key = $"{prefix}icakms-verification-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.txt";
        const string Content = "Written by IcaKms to verify SSE-KMS default encryption; deleted at once.";
        Result<ObjectWrite, AwsFailure> write = await s3.PutObjectAsync(bucket, key, Content, null, ct).ConfigureAwait(false);
        string how = "without encryption headers";
        if (write.Failure is { Kind: AwsFailureKind.AccessDenied } denied)
        {
            // A bucket policy may refuse writes that carry no SSE-KMS header: ask it why, and if that is all, write as ICA does.
            Result<string?, AwsFailure> policy = await s3.GetBucketPolicyAsync(bucket, ct).ConfigureAwait(false);
            VerificationWrite.Explanation explanation = VerificationWrite.Explain(policy.Value, bucket, key, keyArn);
            if (!explanation.RetryWithSseKms)
            {
                return new VerificationResult(false, $"The test write to {bucket}/{key} failed: {denied.Message}{explanation.Note}");
            }

            write = await s3.PutObjectAsync(bucket, key, Content, keyArn, ct).ConfigureAwait(false);
            how = $"with the SSE-KMS headers and {keyArn}, because {explanation.Statement} refuses writes without them (ICA sends them too)";
        }

        if (write.Failure is { } writeFailure)
        {
            return new VerificationResult(false, $"The test write to {bucket}/{key} failed: {writeFailure.Message}");
        }

        string? version = write.Value!.VersionId is { Length: > 0 } id && id != "null" ? id : null;
        Result<ObjectHead, AwsFailure> head = await s3.HeadObjectAsync(bucket, key, version, ct).ConfigureAwait(false);
        Result<ObjectDeletion, AwsFailure> deletion = await s3.DeleteObjectAsync(bucket, key, version, ct).ConfigureAwait(false);
        string cleanup = deletion.Failure is { } deleteFailure ? $" The test object could not be deleted: {deleteFailure.Message}" : string.Empty;
        if (head.Failure is { } headFailure)
        {
            return new VerificationResult(false, $"The test object was written but could not be read back: {headFailure.Message}{cleanup}");
        }

        ObjectHead stored = head.Value!;
        bool kms = string.Equals(stored.ServerSideEncryption, "aws:kms", StringComparison.Ordinal);
        bool rightKey = string.Equals(stored.KmsKeyArn, keyArn, StringComparison.Ordinal);
        return kms && rightKey
            ? new VerificationResult(true, $"A test object written to {bucket}/{prefix} {how} was stored with SSE-KMS and {keyArn}, then deleted.{cleanup}")
            : new VerificationResult(false,
                $"A test object written to {bucket}/{prefix} was stored with {stored.ServerSideEncryption ?? "no encryption"}{(stored.KmsKeyArn is null ? string.Empty : $" and {stored.KmsKeyArn}")}, not SSE-KMS with {keyArn}: check the default encryption.{cleanup}");
    }
}
