using System.Security.Cryptography;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Setup;

/// <summary>The outcome of the verification write.</summary>
/// <param name="Passed">True when S3 stored the test object with SSE-KMS and exactly the expected key, by default.</param>
/// <param name="Message">What was found, in one sentence.</param>
public sealed record VerificationResult(bool Passed, string Message);

/// <summary>
/// Proves the setup with a real write, as S3 does not check the key when the default encryption is set: a small
/// object is written under the prefix WITHOUT encryption headers (so the bucket's default decides), read back with
/// HeadObject, and deleted again (its version too, on a versioned bucket).
/// </summary>
public static class SetupVerification
{
    /// <summary>Writes, checks and deletes the test object.</summary>
    public static async Task<VerificationResult> RunAsync(IS3Gateway s3, string bucket, string prefix, string keyArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s3);
        string key = $"{prefix}icakms-verification-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.txt";
        AwsResult<ObjectWrite> write = await s3.PutObjectAsync(bucket, key, "Written by IcaKms to verify SSE-KMS default encryption; deleted at once.", null, ct).ConfigureAwait(false);
        if (write.Failure is { } writeFailure)
        {
            return new VerificationResult(false, $"The test write to {bucket}/{key} failed: {writeFailure.Message}");
        }

        string? version = write.Value!.VersionId is { Length: > 0 } id && id != "null" ? id : null;
        AwsResult<ObjectHead> head = await s3.HeadObjectAsync(bucket, key, version, ct).ConfigureAwait(false);
        AwsResult<ObjectDeletion> deletion = await s3.DeleteObjectAsync(bucket, key, version, ct).ConfigureAwait(false);
        string cleanup = deletion.Failure is { } deleteFailure ? $" The test object could not be deleted: {deleteFailure.Message}" : string.Empty;
        if (head.Failure is { } headFailure)
        {
            return new VerificationResult(false, $"The test object was written but could not be read back: {headFailure.Message}{cleanup}");
        }

        ObjectHead stored = head.Value!;
        bool kms = string.Equals(stored.ServerSideEncryption, "aws:kms", StringComparison.Ordinal);
        bool rightKey = string.Equals(stored.KmsKeyArn, keyArn, StringComparison.Ordinal);
        return kms && rightKey
            ? new VerificationResult(true, $"A test object written to {bucket}/{prefix} without encryption headers was stored with SSE-KMS and {keyArn}, then deleted.{cleanup}")
            : new VerificationResult(false,
                $"A test object written to {bucket}/{prefix} was stored with {stored.ServerSideEncryption ?? "no encryption"}{(stored.KmsKeyArn is null ? string.Empty : $" and {stored.KmsKeyArn}")}, not SSE-KMS with {keyArn}: check the default encryption.{cleanup}");
    }
}
