using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning;

/// <summary>
/// How every change waits for AWS to show what the same plan just created: S3, KMS and IAM are eventually consistent,
/// so a new bucket, key, user or policy can answer NotFound for a few seconds. A call that answers NotFound is asked
/// again after each of <see cref="Delays"/> on <see cref="Time"/> (a fake clock in tests), then its failure is kept with a
/// sentence saying why. The same policy for every kind: the applier uses it for a change that needs an earlier
/// creation, and a change uses it for what it creates itself (a new key, before its alias).
/// </summary>
/// <param name="Delays">The waits before asking again.</param>
/// <param name="Time">The clock the waits run on.</param>
public sealed record ConsistencyPolicy(IReadOnlyList<TimeSpan> Delays, TimeProvider Time)
{
    /// <summary>What a failure that stayed NotFound through every wait says after AWS's own message.</summary>
    public const string StillNotVisible = "AWS may not show what this plan just created yet (it is eventually consistent): apply again in a minute.";

    /// <summary>The waits in production: 1, 2 and 4 seconds (about 7 s in all).</summary>
    public static IReadOnlyList<TimeSpan> DefaultDelays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Calls <paramref name="call"/>, and again after each delay while it answers NotFound.</summary>
    public async Task<Result<T, AwsFailure>> RetryAsync<T>(Func<CancellationToken, Task<Result<T, AwsFailure>>> call, CancellationToken ct)
    {
        Result<T, AwsFailure> result = await RetryWhileAsync(call, r => r.Failure?.Kind == AwsFailureKind.NotFound, ct).ConfigureAwait(false);
        return result.Failure is { Kind: AwsFailureKind.NotFound } failure
            ? Result<T, AwsFailure>.Fail(failure with { Message = $"{failure.Message} {StillNotVisible}" })
            : result;
    }

    /// <summary>Makes a write, and again after each delay while it fails with NotFound.</summary>
    public async Task<ChangeWrite> RetryAsync(Func<CancellationToken, Task<ChangeWrite>> write, CancellationToken ct)
    {
        ChangeWrite result = await RetryWhileAsync(write, w => !w.Done && w.Failure?.Kind == AwsFailureKind.NotFound, ct).ConfigureAwait(false);
        return !result.Done && result.Failure?.Kind == AwsFailureKind.NotFound ? result with { Message = $"{result.Message} {StillNotVisible}" } : result;
    }

    private async Task<T> RetryWhileAsync<T>(Func<CancellationToken, Task<T>> call, Func<T, bool> notVisible, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        T result = await call(ct).ConfigureAwait(false);
        foreach (TimeSpan delay in Delays)
        {
            if (!notVisible(result))
            {
                return result;
            }

            await Task.Delay(delay, Time, ct).ConfigureAwait(false);
            result = await call(ct).ConfigureAwait(false);
        }

        return result;
    }
}
