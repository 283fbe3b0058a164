using IcaKms.Core.Aws;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;

namespace IcaKms.Core.Checks;

/// <summary>
/// Gathers a <see cref="LiveSnapshot"/>: every independent call is started at once and awaited together, so the
/// inspection takes about as long as its slowest chain (e.g. user → attached policies → their versions), not the sum.
/// A gateway that throws becomes a failed result; only the caller's cancellation escapes.
/// </summary>
public static class Inspection
{
    /// <summary>Inspects the bucket, the key, its policy and the IAM policies named by the inputs and targets.</summary>
    /// <param name="gateways">The session's gateways.</param>
    /// <param name="inputs">The wizard's inputs (bucket, key as typed, prefix).</param>
    /// <param name="targets">The IAM user and/or managed policy to read, if any.</param>
    /// <param name="ct">Cancels the inspection; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="time">The clock for <see cref="LiveSnapshot.Elapsed"/>; the system clock when null.</param>
    /// <param name="s3InRegion">
    /// S3 gateways for another region. S3 answers a bucket's configuration reads only when they are signed for the
    /// bucket's own region: when the bucket turns out to live elsewhere, those reads are made again there (one more
    /// round trip, only in that case), so every check can still speak.
    /// </param>
    public static async Task<LiveSnapshot> RunAsync(
        AwsGateways gateways,
        SetupInputs inputs,
        InspectionTargets targets,
        CancellationToken ct = default,
        TimeProvider? time = null,
        Func<string, IS3Gateway>? s3InRegion = null)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ct.ThrowIfCancellationRequested();

        TimeProvider clock = time ?? TimeProvider.System;
        long started = clock.GetTimestamp();

        FieldValidation bucket = BucketNameRule.Validate(inputs.BucketName);
        FieldValidation prefix = KeyPrefixRule.Validate(inputs.KeyPrefix);
        string key = inputs.KeyArn.Trim();
        IKmsGateway kms = gateways.Kms;

        // Everything below starts now; the only waits are inside the chains that need an earlier answer.
        Task<AwsResult<string>> region = BucketCall(bucket, "s3:ListBucket", name => gateways.S3.GetBucketRegionAsync(name, ct), ct);
        Task<AwsResult<KmsKeyDescription>> keyDescription = KeyCall(key, "kms:DescribeKey", () => kms.DescribeKeyAsync(key, ct), ct);
        Task<AwsResult<string>> keyPolicy = KeyCall(key, "kms:GetKeyPolicy", () => kms.GetKeyPolicyAsync(key, ct), ct);
        BucketReads reads = StartBucketReads(gateways.S3, kms, bucket, prefix, key, keyDescription, ct);
        Task<AwsResult<IReadOnlyList<ManagedPolicyVersion>>?> iamPolicies = IamChainAsync(gateways.Iam, targets, ct);

        await Task.WhenAll([region, keyDescription, keyPolicy, iamPolicies, .. reads.All]).ConfigureAwait(false);

        AwsResult<string> regionResult = await region.ConfigureAwait(false);
        if (s3InRegion is not null && regionResult.Value is { Length: > 0 } actual &&
            !string.Equals(actual, inputs.AwsRegion, StringComparison.OrdinalIgnoreCase))
        {
            reads = StartBucketReads(s3InRegion(actual), kms, bucket, prefix, key, keyDescription, ct);
            await Task.WhenAll(reads.All).ConfigureAwait(false);
        }

        EncryptionAnswer encryptionAnswer = await reads.Encryption.ConfigureAwait(false);
        return new LiveSnapshot
        {
            BucketRegion = regionResult,
            Encryption = encryptionAnswer.Encryption,
            EncryptionKey = encryptionAnswer.Key,
            Versioning = await reads.Versioning.ConfigureAwait(false),
            ObjectOwnership = await reads.Ownership.ConfigureAwait(false),
            PublicAccess = await reads.PublicAccess.ConfigureAwait(false),
            PrefixExists = reads.PrefixExists is null ? null : await reads.PrefixExists.ConfigureAwait(false),
            Key = await keyDescription.ConfigureAwait(false),
            KeyPolicy = await keyPolicy.ConfigureAwait(false),
            IamPolicies = await iamPolicies.ConfigureAwait(false),
            Elapsed = clock.GetElapsedTime(started),
        };
    }

    /// <summary>Starts the bucket's configuration reads (and the encryption key's description) with one S3 gateway.</summary>
    private static BucketReads StartBucketReads(
        IS3Gateway s3,
        IKmsGateway kms,
        FieldValidation bucket,
        FieldValidation prefix,
        string key,
        Task<AwsResult<KmsKeyDescription>> keyDescription,
        CancellationToken ct) => new(
            BucketCall(bucket, "s3:GetBucketVersioning", name => s3.GetVersioningAsync(name, ct), ct),
            BucketCall(bucket, "s3:GetBucketOwnershipControls", name => s3.GetObjectOwnershipAsync(name, ct), ct),
            BucketCall(bucket, "s3:GetBucketPublicAccessBlock", name => s3.GetPublicAccessBlockAsync(name, ct), ct),
            prefix.IsValid && prefix.Value.Length > 0
                ? BucketCall(bucket, "s3:ListBucket", name => s3.PrefixExistsAsync(name, prefix.Value, ct), ct)
                : null,
            EncryptionChainAsync(s3, kms, bucket, key, keyDescription, ct));

    /// <summary>
    /// Reads the default encryption, then, as soon as it is in, describes the key it names so the checks can compare
    /// resolved ARNs. A key named exactly as the wizard's key reuses the wizard key's description instead of a second call.
    /// </summary>
    private static async Task<EncryptionAnswer> EncryptionChainAsync(
        IS3Gateway s3,
        IKmsGateway kms,
        FieldValidation bucket,
        string wizardKey,
        Task<AwsResult<KmsKeyDescription>> wizardKeyDescription,
        CancellationToken ct)
    {
        AwsResult<BucketEncryption?> encryption = await BucketCall(
            bucket, "s3:GetEncryptionConfiguration", name => s3.GetDefaultEncryptionAsync(name, ct), ct).ConfigureAwait(false);
        string? named = encryption.Value?.KmsMasterKeyId?.Trim();
        if (string.IsNullOrEmpty(named))
        {
            return new EncryptionAnswer(encryption, null);
        }

        AwsResult<KmsKeyDescription> key = string.Equals(named, wizardKey, StringComparison.OrdinalIgnoreCase)
            ? await wizardKeyDescription.ConfigureAwait(false)
            : await CallAsync("kms:DescribeKey", named, () => kms.DescribeKeyAsync(named, ct), ct).ConfigureAwait(false);
        return new EncryptionAnswer(encryption, key);
    }

    /// <summary>
    /// The managed policies of the user (listed, then every default version read in parallel) and the given policy
    /// ARN (read from the start), in the user's attachment order, each once. Any failed call fails the whole list:
    /// the effective permissions cannot be judged from part of them.
    /// </summary>
    private static async Task<AwsResult<IReadOnlyList<ManagedPolicyVersion>>?> IamChainAsync(IIamGateway iam, InspectionTargets targets, CancellationToken ct)
    {
        string? user = NullIfBlank(targets.IamUserName);
        string? given = NullIfBlank(targets.PolicyArn);
        if (user is null && given is null)
        {
            return null;
        }

        Task<AwsResult<ManagedPolicyVersion>>? givenVersion = given is null ? null : PolicyVersionCall(iam, given, ct);
        var arns = new List<string>();
        AwsFailure? listFailure = null;
        if (user is not null)
        {
            AwsResult<IReadOnlyList<AttachedPolicy>> attached = await CallAsync(
                "iam:ListAttachedUserPolicies", user, () => iam.ListAttachedUserPoliciesAsync(user, ct), ct).ConfigureAwait(false);
            listFailure = attached.Failure;
            arns.AddRange((attached.Value ?? []).Select(p => p.PolicyArn).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal));
        }

        if (given is not null && !arns.Contains(given, StringComparer.Ordinal))
        {
            arns.Add(given);
        }

        AwsResult<ManagedPolicyVersion>[] versions = await Task.WhenAll(arns.Select(arn =>
            string.Equals(arn, given, StringComparison.Ordinal) ? givenVersion! : PolicyVersionCall(iam, arn, ct))).ConfigureAwait(false);
        AwsFailure? failure = listFailure ?? versions.Select(v => v.Failure).FirstOrDefault(f => f is not null);
        return failure is not null
            ? AwsResult<IReadOnlyList<ManagedPolicyVersion>>.Fail(failure)
            : AwsResult<IReadOnlyList<ManagedPolicyVersion>>.Ok([.. versions.Select(v => v.Value).OfType<ManagedPolicyVersion>()]);
    }

    private static Task<AwsResult<ManagedPolicyVersion>> PolicyVersionCall(IIamGateway iam, string policyArn, CancellationToken ct) =>
        CallAsync("iam:GetPolicyVersion", policyArn, () => iam.GetPolicyDefaultVersionAsync(policyArn, ct), ct);

    /// <summary>A bucket call, or a failure without a call when the bucket name cannot be a bucket.</summary>
    private static Task<AwsResult<T>> BucketCall<T>(FieldValidation bucket, string action, Func<string, Task<AwsResult<T>>> call, CancellationToken ct) =>
        bucket.IsValid
            ? CallAsync(action, bucket.Value, () => call(bucket.Value), ct)
            : Task.FromResult(AwsResult<T>.Fail(new AwsFailure(AwsFailureKind.Other, action, null, null, $"Not inspected: {bucket.Error}")));

    /// <summary>A key call, or a failure without a call when no key was given.</summary>
    private static Task<AwsResult<T>> KeyCall<T>(string key, string action, Func<Task<AwsResult<T>>> call, CancellationToken ct) =>
        key.Length > 0
            ? CallAsync(action, key, call, ct)
            : Task.FromResult(AwsResult<T>.Fail(new AwsFailure(AwsFailureKind.Other, action, null, null, "Not inspected: no KMS key given; enter the key ARN in step 1.")));

    /// <summary>
    /// Runs one gateway call so that nothing but the caller's cancellation escapes: a gateway is meant to return its
    /// failures, so an exception is a bug, reported as a failed result rather than a crashed inspection.
    /// </summary>
    private static async Task<AwsResult<T>> CallAsync<T>(string action, string? resource, Func<Task<AwsResult<T>>> call, CancellationToken ct)
    {
        try
        {
            // A chain that resumes after its session ended (Disconnect) must not send the next call.
            ct.ThrowIfCancellationRequested();
            AwsResult<T>? result = await call().ConfigureAwait(false);
            return result ?? AwsResult<T>.Fail(Unexpected(action, resource, "returned no result"));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return AwsResult<T>.Fail(new AwsFailure(
                AwsFailureKind.Timeout, action, resource, null, $"{action}{On(resource)} timed out: check the network, then inspect again."));
        }
#pragma warning disable CA1031 // A gateway bug must become a finding, never a crashed circuit (DESIGN.md); the caller's cancellation is rethrown above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Only the exception's type: its message is not written for the admin and might echo request details.
            return AwsResult<T>.Fail(Unexpected(action, resource, $"failed unexpectedly ({ex.GetType().Name})"));
        }
    }

    private static AwsFailure Unexpected(string action, string? resource, string what) =>
        new(AwsFailureKind.Other, action, resource, null, $"{action}{On(resource)} {what}: inspect again, and report it if it keeps happening.");

    private static string On(string? resource) => resource is null ? string.Empty : $" on {resource}";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The reads of a bucket's configuration, started together.</summary>
    private sealed record BucketReads(
        Task<AwsResult<string?>> Versioning,
        Task<AwsResult<string?>> Ownership,
        Task<AwsResult<PublicAccessBlock?>> PublicAccess,
        Task<AwsResult<bool>>? PrefixExists,
        Task<EncryptionAnswer> Encryption)
    {
        public IEnumerable<Task> All => PrefixExists is null
            ? [Versioning, Ownership, PublicAccess, Encryption]
            : [Versioning, Ownership, PublicAccess, PrefixExists, Encryption];
    }

    /// <summary>The default encryption and the key it names (null when it names none).</summary>
    private sealed record EncryptionAnswer(AwsResult<BucketEncryption?> Encryption, AwsResult<KmsKeyDescription>? Key);
}
