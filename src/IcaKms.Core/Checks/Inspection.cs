using IcaKms.Core.Aws;
using IcaKms.Core.Setup;

namespace IcaKms.Core.Checks;

/// <summary>
/// Gathers a <see cref="LiveSnapshot"/>: every independent call is started at once and awaited together, so the
/// inspection takes about as long as its slowest chain (e.g. user → attached policies → their versions), not the sum.
/// A gateway that throws becomes a failed result; only the caller's cancellation escapes.
/// </summary>
public static class Inspection
{
    /// <summary>Inspects the bucket, the key, its policy and the IAM policies the request names.</summary>
    /// <param name="gateways">The session's gateways (for the request's region).</param>
    /// <param name="request">What to inspect, validated once (<see cref="InspectionRequest.Create(SetupInputs, SetupValidation)"/>).</param>
    /// <param name="ct">Cancels the inspection; it then throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="time">The clock for <see cref="LiveSnapshot.Elapsed"/>; the system clock when null.</param>
    /// <param name="s3InRegion">
    /// S3 gateways for another region. S3 answers a bucket's configuration reads only when they are signed for the
    /// bucket's own region: when the bucket turns out to live elsewhere, those reads are made again there (one more
    /// round trip, only in that case), so every check can still speak.
    /// </param>
    public static async Task<LiveSnapshot> RunAsync(
        AwsGateways gateways,
        InspectionRequest request,
        CancellationToken ct = default,
        TimeProvider? time = null,
        Func<string, IS3Gateway>? s3InRegion = null)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(request);
        ct.ThrowIfCancellationRequested();

        TimeProvider clock = time ?? TimeProvider.System;
        long started = clock.GetTimestamp();

        string key = request.Key;
        IKmsGateway kms = gateways.Kms;

        // Everything below starts now; the only waits are inside the chains that need an earlier answer.
        Task<Result<string, AwsFailure>> region = BucketCall(request, "s3:ListBucket", name => gateways.S3.GetBucketRegionAsync(name, ct), ct);
        Task<Result<KmsKeyDescription, AwsFailure>> keyDescription = KeyCall(key, "kms:DescribeKey", () => kms.DescribeKeyAsync(key, ct), ct);
        Task<Result<string, AwsFailure>> keyPolicy = KeyPolicyChainAsync(kms, keyDescription, ct);
        Task<Result<IReadOnlyList<KmsGrant>, AwsFailure>> grants = GrantsChainAsync(kms, keyDescription, ct);
        BucketReads reads = StartBucketReads(gateways.S3, kms, request, keyDescription, ct);
        Task<Result<IReadOnlyList<IdentityPolicy>, AwsFailure>?> iamPolicies = IdentityPolicyInspection.RunAsync(gateways.Iam, request, ct);

        await Task.WhenAll([region, keyDescription, keyPolicy, grants, iamPolicies, .. reads.All]).ConfigureAwait(false);

        Result<string, AwsFailure> regionResult = await region.ConfigureAwait(false);
        if (s3InRegion is not null && regionResult.Value is { Length: > 0 } actual &&
            !string.Equals(actual, request.AwsRegion, StringComparison.OrdinalIgnoreCase))
        {
            reads = StartBucketReads(s3InRegion(actual), kms, request, keyDescription, ct);
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
            BucketPolicy = await reads.Policy.ConfigureAwait(false),
            PrefixExists = reads.PrefixExists is null ? null : await reads.PrefixExists.ConfigureAwait(false),
            Key = await keyDescription.ConfigureAwait(false),
            KeyPolicy = await keyPolicy.ConfigureAwait(false),
            Grants = await grants.ConfigureAwait(false),
            IamPolicies = await iamPolicies.ConfigureAwait(false),
            Elapsed = clock.GetElapsedTime(started),
        };
    }

    /// <summary>
    /// Reads the key policy as soon as DescribeKey has answered, with the key ARN it returned: GetKeyPolicy takes only a
    /// key id or key ARN, so an alias as given would be "not found". When DescribeKey failed, its failure stands.
    /// </summary>
    private static async Task<Result<string, AwsFailure>> KeyPolicyChainAsync(IKmsGateway kms, Task<Result<KmsKeyDescription, AwsFailure>> keyDescription, CancellationToken ct)
    {
        Result<KmsKeyDescription, AwsFailure> described = await keyDescription.ConfigureAwait(false);
        if (described.Value is not KmsKeyDescription key)
        {
            return Result<string, AwsFailure>.Fail(described.Failure ?? InspectionCall.Unexpected("kms:DescribeKey", null, "returned no key description"));
        }

        return await InspectionCall.CallAsync("kms:GetKeyPolicy", key.KeyArn, () => kms.GetKeyPolicyAsync(key.KeyArn, ct), ct).ConfigureAwait(false);
    }

    /// <summary>Lists the key's grants as soon as DescribeKey has answered, with the key ARN it returned (ListGrants takes no alias).</summary>
    private static async Task<Result<IReadOnlyList<KmsGrant>, AwsFailure>> GrantsChainAsync(IKmsGateway kms, Task<Result<KmsKeyDescription, AwsFailure>> keyDescription, CancellationToken ct)
    {
        Result<KmsKeyDescription, AwsFailure> described = await keyDescription.ConfigureAwait(false);
        if (described.Value is not KmsKeyDescription key)
        {
            return Result<IReadOnlyList<KmsGrant>, AwsFailure>.Fail(described.Failure ?? InspectionCall.Unexpected("kms:DescribeKey", null, "returned no key description"));
        }

        return await InspectionCall.CallAsync("kms:ListGrants", key.KeyArn, () => kms.ListGrantsAsync(key.KeyArn, ct), ct).ConfigureAwait(false);
    }

    /// <summary>Starts the bucket's configuration reads (and the encryption key's description) with one S3 gateway.</summary>
    private static BucketReads StartBucketReads(
        IS3Gateway s3,
        IKmsGateway kms,
        InspectionRequest request,
        Task<Result<KmsKeyDescription, AwsFailure>> keyDescription,
        CancellationToken ct) => new(
            BucketCall(request, "s3:GetBucketVersioning", name => s3.GetVersioningAsync(name, ct), ct),
            BucketCall(request, "s3:GetBucketOwnershipControls", name => s3.GetObjectOwnershipAsync(name, ct), ct),
            BucketCall(request, "s3:GetBucketPublicAccessBlock", name => s3.GetPublicAccessBlockAsync(name, ct), ct),
            BucketCall(request, "s3:GetBucketPolicy", name => s3.GetBucketPolicyAsync(name, ct), ct),
            request.Prefix.Length > 0
                ? BucketCall(request, "s3:ListBucket", name => s3.PrefixExistsAsync(name, request.Prefix, ct), ct)
                : null,
            EncryptionChainAsync(s3, kms, request, keyDescription, ct));

    /// <summary>
    /// Reads the default encryption, then, as soon as it is in, describes the key it names so the checks can compare
    /// resolved ARNs. A key named exactly as the wizard's key reuses the wizard key's description instead of a second call.
    /// </summary>
    private static async Task<EncryptionAnswer> EncryptionChainAsync(
        IS3Gateway s3,
        IKmsGateway kms,
        InspectionRequest request,
        Task<Result<KmsKeyDescription, AwsFailure>> wizardKeyDescription,
        CancellationToken ct)
    {
        string wizardKey = request.Key;
        Result<BucketEncryption?, AwsFailure> encryption = await BucketCall(
            request, "s3:GetEncryptionConfiguration", name => s3.GetDefaultEncryptionAsync(name, ct), ct).ConfigureAwait(false);
        string? named = encryption.Value?.KmsMasterKeyId?.Trim();
        if (string.IsNullOrEmpty(named))
        {
            return new EncryptionAnswer(encryption, null);
        }

        Result<KmsKeyDescription, AwsFailure> key = string.Equals(named, wizardKey, StringComparison.OrdinalIgnoreCase)
            ? await wizardKeyDescription.ConfigureAwait(false)
            : await InspectionCall.CallAsync("kms:DescribeKey", named, () => kms.DescribeKeyAsync(named, ct), ct).ConfigureAwait(false);
        return new EncryptionAnswer(encryption, key);
    }

    /// <summary>A bucket call, or a failure without a call when the bucket name cannot be a bucket.</summary>
    private static Task<Result<T, AwsFailure>> BucketCall<T>(InspectionRequest request, string action, Func<string, Task<Result<T, AwsFailure>>> call, CancellationToken ct) =>
        request.BucketName is string bucket
            ? InspectionCall.CallAsync(action, bucket, () => call(bucket), ct)
            : Task.FromResult(Result<T, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.Other, action, null, null, $"Not inspected: {request.BucketError ?? "no bucket name given."}")));

    /// <summary>A key call, or a failure without a call when no key was given.</summary>
    private static Task<Result<T, AwsFailure>> KeyCall<T>(string key, string action, Func<Task<Result<T, AwsFailure>>> call, CancellationToken ct) =>
        key.Length > 0
            ? InspectionCall.CallAsync(action, key, call, ct)
            : Task.FromResult(Result<T, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.Other, action, null, null, "Not inspected: no KMS key given; enter the key ARN in step 1.")));

    /// <summary>The reads of a bucket's configuration, started together.</summary>
    private sealed record BucketReads(
        Task<Result<string?, AwsFailure>> Versioning,
        Task<Result<string?, AwsFailure>> Ownership,
        Task<Result<PublicAccessBlock?, AwsFailure>> PublicAccess,
        Task<Result<string?, AwsFailure>> Policy,
        Task<Result<bool, AwsFailure>>? PrefixExists,
        Task<EncryptionAnswer> Encryption)
    {
        public IEnumerable<Task> All => PrefixExists is null
            ? [Versioning, Ownership, PublicAccess, Policy, Encryption]
            : [Versioning, Ownership, PublicAccess, Policy, PrefixExists, Encryption];
    }

    /// <summary>The default encryption and the key it names (null when it names none).</summary>
    private sealed record EncryptionAnswer(Result<BucketEncryption?, AwsFailure> Encryption, Result<KmsKeyDescription, AwsFailure>? Key);
}
