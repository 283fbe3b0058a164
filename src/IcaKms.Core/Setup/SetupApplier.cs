using System.Text.Json;
using System.Text.Json.Nodes;
using IcaKms.Core.Aws;
using IcaKms.Core.Policies;

namespace IcaKms.Core.Setup;

/// <summary>
/// Applies a confirmed <see cref="SetupPlan"/>, change by change in its order, and stops at the first failure: the
/// result says what was done, what failed (with AWS's message naming the missing permission) and what was not sent.
/// Every write is one the plan computed from the live state; the key policy is read again first and written only if
/// it is still the one the plan merged into (someone may have changed it since). The caller's cancellation (Disconnect)
/// stops the plan before the next write.
/// </summary>
public static class SetupApplier
{
    /// <summary>
    /// How long to wait before asking again when IAM or KMS does not yet see what was just created (they are eventually
    /// consistent: a new user or policy can answer NoSuchEntity for a few seconds).
    /// </summary>
    public static IReadOnlyList<TimeSpan> ConsistencyDelays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Applies the plan's changes with the session's gateways for the ICA region.</summary>
    /// <param name="gateways">The session's gateways in the region the plan is for.</param>
    /// <param name="plan">The confirmed plan.</param>
    /// <param name="principal">The STS caller ARN, recorded with every change.</param>
    /// <param name="time">The clock of the records.</param>
    /// <param name="onApplied">Told about each change as soon as it ended (the audit log writes it then).</param>
    /// <param name="ct">Stops before the next change; the rest is then reported as not done.</param>
    /// <param name="consistencyDelays">The waits before asking again after a not-found that may only be IAM or KMS catching up; <see cref="ConsistencyDelays"/> when null.</param>
    public static async Task<ApplyResult> ApplyAsync(
        AwsGateways gateways,
        SetupPlan plan,
        string principal,
        TimeProvider time,
        Action<AppliedChange>? onApplied = null,
        CancellationToken ct = default,
        IReadOnlyList<TimeSpan>? consistencyDelays = null)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);

        string? createdKey = null;
        IReadOnlyList<AppliedChange> records = await ChangeSequence.ApplyAsync(plan.Changes, async change =>
        {
            Outcome outcome;
            try
            {
                outcome = await ApplyWithPatienceAsync(gateways, change, plan.Changes, time, consistencyDelays ?? ConsistencyDelays, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                outcome = new Outcome(false, $"Stopped: the session ended while {change.Permission} was on its way; inspect again to see whether it was made.", null);
            }

            createdKey ??= outcome.CreatedKeyArn;
            return (outcome.Done, outcome.Message);
        }, principal, time, onApplied, ct).ConfigureAwait(false);

        return new ApplyResult(records, createdKey);
    }

    // A change that refers to something an earlier change of the same plan created (the user, the policy) is asked
    // again after a not-found, a few times, before it counts as failed: IAM may not show the new entity yet.
    private static async Task<Outcome> ApplyWithPatienceAsync(
        AwsGateways gateways,
        SetupChange change,
        IReadOnlyList<SetupChange> plan,
        TimeProvider time,
        IReadOnlyList<TimeSpan> delays,
        CancellationToken ct)
    {
        Outcome outcome = await ApplyOneAsync(gateways, change, ct).ConfigureAwait(false);
        if (!DependsOnEarlierCreation(change, plan))
        {
            return outcome;
        }

        foreach (TimeSpan delay in delays)
        {
            if (outcome.Done || outcome.Failure?.Kind != AwsFailureKind.NotFound)
            {
                return outcome;
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            outcome = await ApplyOneAsync(gateways, change, ct).ConfigureAwait(false);
        }

        return outcome.Done || outcome.Failure?.Kind != AwsFailureKind.NotFound
            ? outcome
            : outcome with { Message = $"{outcome.Message} IAM may not show what this plan just created yet (it is eventually consistent): apply again in a minute." };
    }

    private static bool DependsOnEarlierCreation(SetupChange change, IReadOnlyList<SetupChange> plan) => change switch
    {
        AttachPolicyChange attach => plan.Any(c => c is CreateIamUserChange u && u.UserName == attach.UserName) ||
            plan.Any(c => c is CreateIamPolicyChange p && p.PolicyArn == attach.PolicyArn),
        CreatePrefixFolderChange or SetDefaultEncryptionChange or BlockPublicAccessChange or EnforceBucketOwnerChange => plan.Any(c => c is CreateBucketChange),
        _ => false,
    };

    private static async Task<Outcome> ApplyOneAsync(AwsGateways gateways, SetupChange change, CancellationToken ct)
    {
        IS3Gateway s3 = gateways.S3;
        IKmsGateway kms = gateways.Kms;
        IIamGateway iam = gateways.Iam;
        switch (change)
        {
            case CreateKeyChange c:
                AwsResult<KmsKeyDescription> key = await kms.CreateKeyAsync(c.Description, null, ct).ConfigureAwait(false);
                if (key.Value is not { } created)
                {
                    return Failed(key.Failure);
                }

                AwsResult<string> alias = await kms.CreateAliasAsync(c.Alias, created.KeyArn, ct).ConfigureAwait(false);
                return alias.Succeeded
                    ? new Outcome(true, $"Created {created.KeyArn}, named {c.Alias}.", created.KeyArn)
                    : new Outcome(false, $"Created {created.KeyArn}, but not its alias: {alias.Failure!.Message}", created.KeyArn);
            case CreateBucketChange c:
                AwsResult<BucketCreation> bucket = await s3.CreateBucketAsync(c.Bucket, c.Region, ct).ConfigureAwait(false);
                return bucket.Succeeded
                    ? Done(bucket.Value!.AlreadyOwnedByYou ? $"{c.Bucket} already existed in your account." : $"Created {c.Bucket} in {c.Region}.")
                    : Failed(bucket.Failure);
            case SetDefaultEncryptionChange c:
                return Result(await s3.PutDefaultEncryptionAsync(c.Bucket, new BucketEncryption("aws:kms", c.KeyArn, true, c.BlockedEncryptionTypes), ct).ConfigureAwait(false),
                    $"Default encryption of {c.Bucket} is SSE-KMS with {c.KeyArn}, Bucket Key on.");
            case BlockPublicAccessChange c:
                return Result(await s3.PutPublicAccessBlockAsync(c.Bucket, ct).ConfigureAwait(false), $"Block Public Access is fully on for {c.Bucket}.");
            case EnforceBucketOwnerChange c:
                return Result(await s3.PutBucketOwnerEnforcedAsync(c.Bucket, ct).ConfigureAwait(false), $"Object Ownership of {c.Bucket} is Bucket owner enforced.");
            case CreatePrefixFolderChange c:
                return Result(await s3.CreateFolderAsync(c.Bucket, c.Prefix, c.KeyArn, ct).ConfigureAwait(false), $"Created the folder {c.Prefix} in {c.Bucket}, encrypted with {c.KeyArn}.");
            case CreateIamUserChange c:
                AwsResult<IamUser> user = await iam.CreateUserAsync(c.UserName, ct).ConfigureAwait(false);
                return user.Failure is { Kind: AwsFailureKind.AlreadyExists }
                    ? Done($"The IAM user {c.UserName} already existed.")
                    : Result(user, $"Created the IAM user {c.UserName}.");
            case CreateIamPolicyChange c:
                return Result(await iam.CreatePolicyAsync(c.PolicyName, PolicyJson.Serialize(c.Document), "ICA SSE-KMS access (IcaKms)", ct).ConfigureAwait(false),
                    $"Created the managed policy {c.PolicyArn}.");
            case DeletePolicyVersionChange c:
                return Result(await iam.DeletePolicyVersionAsync(c.PolicyArn, c.VersionId, ct).ConfigureAwait(false), $"Deleted version {c.VersionId} of {c.PolicyArn}.");
            case AddPolicyVersionChange c:
                AwsResult<PolicyVersionInfo> version = await iam.CreatePolicyVersionAsync(c.PolicyArn, PolicyJson.Serialize(c.Document), ct).ConfigureAwait(false);
                return version.Succeeded ? Done($"{c.PolicyArn} has the new default version {version.Value!.VersionId}.") : Failed(version.Failure);
            case AttachPolicyChange c:
                return Result(await iam.AttachUserPolicyAsync(c.UserName, c.PolicyArn, ct).ConfigureAwait(false), $"Attached {c.PolicyArn} to {c.UserName}.");
            case MergeKeyPolicyChange c:
                return await PutKeyPolicyAsync(kms, c.KeyArn, c.Before, c.After, ct).ConfigureAwait(false);
            case RestoreKeyPolicyChange c:
                return await PutKeyPolicyAsync(kms, c.KeyArn, c.Before, c.After, ct).ConfigureAwait(false);
            default:
                return new Outcome(false, $"IcaKms cannot apply {change.GetType().Name}.", null);
        }
    }

    // Read-modify-write: the policy is written only while it is still the one the plan was made from.
    private static async Task<Outcome> PutKeyPolicyAsync(IKmsGateway kms, string keyArn, string? expected, string? policy, CancellationToken ct)
    {
        if (expected is null || policy is null)
        {
            return new Outcome(false, "The plan holds no key policy to write: plan again.", null);
        }

        AwsResult<string> current = await kms.GetKeyPolicyAsync(keyArn, ct).ConfigureAwait(false);
        if (current.Failure is { } readFailure)
        {
            return Failed(readFailure);
        }

        if (!SameJson(current.Value!, expected))
        {
            return new Outcome(false, $"The key policy of {keyArn} changed since the plan was made, so it was not written: plan again to merge into the current one.", null);
        }

        ct.ThrowIfCancellationRequested();
        return Result(await kms.PutKeyPolicyAsync(keyArn, policy, ct).ConfigureAwait(false), $"Wrote the key policy of {keyArn}.");
    }

    private static bool SameJson(string a, string b)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }

    private static Outcome Result<T>(AwsResult<T> result, string done) => result.Succeeded ? Done(done) : Failed(result.Failure);

    private static Outcome Done(string message) => new(true, message, null);

    private static Outcome Failed(AwsFailure? failure) => new(false, failure?.Message ?? "AWS answered without a result.", null) { Failure = failure };

    private sealed record Outcome(bool Done, string Message, string? CreatedKeyArn)
    {
        public AwsFailure? Failure { get; init; }
    }
}
