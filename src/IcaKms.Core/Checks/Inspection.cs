using System.Collections.Concurrent;
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
        Task<AwsResult<string>> region = BucketCall(request, "s3:ListBucket", name => gateways.S3.GetBucketRegionAsync(name, ct), ct);
        Task<AwsResult<KmsKeyDescription>> keyDescription = KeyCall(key, "kms:DescribeKey", () => kms.DescribeKeyAsync(key, ct), ct);
        Task<AwsResult<string>> keyPolicy = KeyPolicyChainAsync(kms, keyDescription, ct);
        Task<AwsResult<IReadOnlyList<KmsGrant>>> grants = GrantsChainAsync(kms, keyDescription, ct);
        BucketReads reads = StartBucketReads(gateways.S3, kms, request, keyDescription, ct);
        Task<AwsResult<IReadOnlyList<IdentityPolicy>>?> iamPolicies = IamChainAsync(gateways.Iam, request, ct);

        await Task.WhenAll([region, keyDescription, keyPolicy, grants, iamPolicies, .. reads.All]).ConfigureAwait(false);

        AwsResult<string> regionResult = await region.ConfigureAwait(false);
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
    private static async Task<AwsResult<string>> KeyPolicyChainAsync(IKmsGateway kms, Task<AwsResult<KmsKeyDescription>> keyDescription, CancellationToken ct)
    {
        AwsResult<KmsKeyDescription> described = await keyDescription.ConfigureAwait(false);
        if (described.Value is not KmsKeyDescription key)
        {
            return AwsResult<string>.Fail(described.Failure ?? Unexpected("kms:DescribeKey", null, "returned no key description"));
        }

        return await CallAsync("kms:GetKeyPolicy", key.KeyArn, () => kms.GetKeyPolicyAsync(key.KeyArn, ct), ct).ConfigureAwait(false);
    }

    /// <summary>Lists the key's grants as soon as DescribeKey has answered, with the key ARN it returned (ListGrants takes no alias).</summary>
    private static async Task<AwsResult<IReadOnlyList<KmsGrant>>> GrantsChainAsync(IKmsGateway kms, Task<AwsResult<KmsKeyDescription>> keyDescription, CancellationToken ct)
    {
        AwsResult<KmsKeyDescription> described = await keyDescription.ConfigureAwait(false);
        if (described.Value is not KmsKeyDescription key)
        {
            return AwsResult<IReadOnlyList<KmsGrant>>.Fail(described.Failure ?? Unexpected("kms:DescribeKey", null, "returned no key description"));
        }

        return await CallAsync("kms:ListGrants", key.KeyArn, () => kms.ListGrantsAsync(key.KeyArn, ct), ct).ConfigureAwait(false);
    }

    /// <summary>Starts the bucket's configuration reads (and the encryption key's description) with one S3 gateway.</summary>
    private static BucketReads StartBucketReads(
        IS3Gateway s3,
        IKmsGateway kms,
        InspectionRequest request,
        Task<AwsResult<KmsKeyDescription>> keyDescription,
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
        Task<AwsResult<KmsKeyDescription>> wizardKeyDescription,
        CancellationToken ct)
    {
        string wizardKey = request.Key;
        AwsResult<BucketEncryption?> encryption = await BucketCall(
            request, "s3:GetEncryptionConfiguration", name => s3.GetDefaultEncryptionAsync(name, ct), ct).ConfigureAwait(false);
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
    /// Every identity policy that applies to the user, plus the given policy ARN. The user's three lists (attached
    /// managed policies, inline policies, groups) start at once with the given policy's read; each list's documents are
    /// read in parallel as soon as it is in, and each group's two lists as soon as the groups are. A managed policy
    /// attached in several places is read once. Any failed call fails the whole list.
    /// </summary>
    private static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>?> IamChainAsync(IIamGateway iam, InspectionRequest request, CancellationToken ct)
    {
        string? user = request.IamUserName;
        string? given = request.PolicyArn;
        if (user is null && given is null)
        {
            return null;
        }

        var managed = new ConcurrentDictionary<string, Lazy<Task<AwsResult<ManagedPolicyVersion>>>>(StringComparer.Ordinal);
        Task<AwsResult<ManagedPolicyVersion>> ReadManaged(string arn) =>
            managed.GetOrAdd(arn, a => new Lazy<Task<AwsResult<ManagedPolicyVersion>>>(() => PolicyVersionCall(iam, a, ct))).Value;

        Task<AwsResult<ManagedPolicyVersion>>? givenVersion = given is null ? null : ReadManaged(given);
        var parts = new List<Task<AwsResult<IReadOnlyList<IdentityPolicy>>>>();
        if (user is not null)
        {
            parts.Add(AttachedChainAsync(
                () => iam.ListAttachedUserPoliciesAsync(user, ct), "iam:ListAttachedUserPolicies", user, IdentityPolicySource.AttachedToUser, null, ReadManaged, ct));
            parts.Add(InlineChainAsync(
                () => iam.ListUserPoliciesAsync(user, ct), "iam:ListUserPolicies", user,
                name => CallAsync("iam:GetUserPolicy", $"{user}/{name}", () => iam.GetUserPolicyAsync(user, name, ct), ct),
                IdentityPolicySource.UserInline, null, ct));
            parts.Add(GroupsChainAsync(iam, user, ReadManaged, ct));
        }

        AwsResult<IReadOnlyList<IdentityPolicy>>[] results = await Task.WhenAll(parts).ConfigureAwait(false);
        AwsResult<ManagedPolicyVersion>? givenResult = givenVersion is null ? null : await givenVersion.ConfigureAwait(false);
        AwsFailure? failure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null) ?? givenResult?.Failure;
        if (failure is not null)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        List<IdentityPolicy> policies = [.. results.SelectMany(r => r.Value ?? [])];
        if (givenResult?.Value is ManagedPolicyVersion version && !policies.Any(p => string.Equals(p.PolicyArn, given, StringComparison.Ordinal)))
        {
            policies.Add(new IdentityPolicy(NameOf(version.PolicyArn), version.Document, IdentityPolicySource.Given, version.PolicyArn));
        }

        return AwsResult<IReadOnlyList<IdentityPolicy>>.Ok(policies);
    }

    /// <summary>Lists a user's or group's attached managed policies, then reads their default versions in parallel.</summary>
    private static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>> AttachedChainAsync(
        Func<Task<AwsResult<IReadOnlyList<AttachedPolicy>>>> list,
        string action,
        string resource,
        IdentityPolicySource source,
        string? group,
        Func<string, Task<AwsResult<ManagedPolicyVersion>>> readManaged,
        CancellationToken ct)
    {
        AwsResult<IReadOnlyList<AttachedPolicy>> attached = await CallAsync(action, resource, list, ct).ConfigureAwait(false);
        if (attached.Failure is AwsFailure failure)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        string[] arns = [.. (attached.Value ?? []).Select(p => p.PolicyArn).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal)];
        AwsResult<ManagedPolicyVersion>[] versions = await Task.WhenAll(arns.Select(readManaged)).ConfigureAwait(false);
        return Collect(versions, v => new IdentityPolicy(NameOf(v.PolicyArn), v.Document, source, v.PolicyArn, group));
    }

    /// <summary>Lists a user's or group's inline policy names, then reads the documents in parallel.</summary>
    private static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>> InlineChainAsync(
        Func<Task<AwsResult<IReadOnlyList<string>>>> list,
        string action,
        string resource,
        Func<string, Task<AwsResult<InlinePolicy>>> read,
        IdentityPolicySource source,
        string? group,
        CancellationToken ct)
    {
        AwsResult<IReadOnlyList<string>> names = await CallAsync(action, resource, list, ct).ConfigureAwait(false);
        if (names.Failure is AwsFailure failure)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        AwsResult<InlinePolicy>[] documents = await Task.WhenAll((names.Value ?? []).Distinct(StringComparer.Ordinal).Select(read)).ConfigureAwait(false);
        return Collect(documents, d => new IdentityPolicy(d.PolicyName, d.Document, source, null, group));
    }

    /// <summary>Lists the user's groups, then each group's attached and inline policies, all groups in parallel.</summary>
    private static async Task<AwsResult<IReadOnlyList<IdentityPolicy>>> GroupsChainAsync(
        IIamGateway iam, string user, Func<string, Task<AwsResult<ManagedPolicyVersion>>> readManaged, CancellationToken ct)
    {
        AwsResult<IReadOnlyList<string>> groups = await CallAsync("iam:ListGroupsForUser", user, () => iam.ListGroupsForUserAsync(user, ct), ct).ConfigureAwait(false);
        if (groups.Failure is AwsFailure failure)
        {
            return AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure);
        }

        var parts = new List<Task<AwsResult<IReadOnlyList<IdentityPolicy>>>>();
        foreach (string group in (groups.Value ?? []).Distinct(StringComparer.Ordinal))
        {
            parts.Add(AttachedChainAsync(
                () => iam.ListAttachedGroupPoliciesAsync(group, ct), "iam:ListAttachedGroupPolicies", group, IdentityPolicySource.AttachedToGroup, group, readManaged, ct));
            parts.Add(InlineChainAsync(
                () => iam.ListGroupPoliciesAsync(group, ct), "iam:ListGroupPolicies", group,
                name => CallAsync("iam:GetGroupPolicy", $"{group}/{name}", () => iam.GetGroupPolicyAsync(group, name, ct), ct),
                IdentityPolicySource.GroupInline, group, ct));
        }

        AwsResult<IReadOnlyList<IdentityPolicy>>[] results = await Task.WhenAll(parts).ConfigureAwait(false);
        AwsFailure? partFailure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null);
        return partFailure is not null
            ? AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(partFailure)
            : AwsResult<IReadOnlyList<IdentityPolicy>>.Ok([.. results.SelectMany(r => r.Value ?? [])]);
    }

    /// <summary>The values in order, or the first failure.</summary>
    private static AwsResult<IReadOnlyList<IdentityPolicy>> Collect<T>(AwsResult<T>[] results, Func<T, IdentityPolicy> toPolicy)
        where T : class
    {
        AwsFailure? failure = results.Select(r => r.Failure).FirstOrDefault(f => f is not null);
        return failure is not null
            ? AwsResult<IReadOnlyList<IdentityPolicy>>.Fail(failure)
            : AwsResult<IReadOnlyList<IdentityPolicy>>.Ok([.. results.Select(r => r.Value).OfType<T>().Select(toPolicy)]);
    }

    private static string NameOf(string policyArn) => policyArn[(policyArn.LastIndexOf('/') + 1)..];

    private static Task<AwsResult<ManagedPolicyVersion>> PolicyVersionCall(IIamGateway iam, string policyArn, CancellationToken ct) =>
        CallAsync("iam:GetPolicyVersion", policyArn, () => iam.GetPolicyDefaultVersionAsync(policyArn, ct), ct);

    /// <summary>A bucket call, or a failure without a call when the bucket name cannot be a bucket.</summary>
    private static Task<AwsResult<T>> BucketCall<T>(InspectionRequest request, string action, Func<string, Task<AwsResult<T>>> call, CancellationToken ct) =>
        request.BucketName is string bucket
            ? CallAsync(action, bucket, () => call(bucket), ct)
            : Task.FromResult(AwsResult<T>.Fail(new AwsFailure(AwsFailureKind.Other, action, null, null, $"Not inspected: {request.BucketError ?? "no bucket name given."}")));

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

    /// <summary>The reads of a bucket's configuration, started together.</summary>
    private sealed record BucketReads(
        Task<AwsResult<string?>> Versioning,
        Task<AwsResult<string?>> Ownership,
        Task<AwsResult<PublicAccessBlock?>> PublicAccess,
        Task<AwsResult<string?>> Policy,
        Task<AwsResult<bool>>? PrefixExists,
        Task<EncryptionAnswer> Encryption)
    {
        public IEnumerable<Task> All => PrefixExists is null
            ? [Versioning, Ownership, PublicAccess, Policy, Encryption]
            : [Versioning, Ownership, PublicAccess, Policy, PrefixExists, Encryption];
    }

    /// <summary>The default encryption and the key it names (null when it names none).</summary>
    private sealed record EncryptionAnswer(AwsResult<BucketEncryption?> Encryption, AwsResult<KmsKeyDescription>? Key);
}
