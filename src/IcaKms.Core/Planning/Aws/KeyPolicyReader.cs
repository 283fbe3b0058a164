using IcaKms.Core.Aws;

namespace IcaKms.Core.Planning;

/// <summary>The key-policy read and write both key-policy handlers share.</summary>
internal static class KeyPolicyReader
{
    public static async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, string keyArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<string, AwsFailure> policy = await aws.Kms.GetKeyPolicyAsync(keyArn, ct).ConfigureAwait(false);
        return policy.Failure is { } failure ? Result<string?, AwsFailure>.Fail(failure) : Result<string?, AwsFailure>.Ok(policy.Value);
    }

    public static async Task<ChangeWrite> WriteAsync(AwsGateways aws, string keyArn, string? policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return policy is null
            ? new ChangeWrite(false, "The plan holds no key policy to write: plan again.")
            : ChangeWrite.Of(await aws.Kms.PutKeyPolicyAsync(keyArn, policy, ct).ConfigureAwait(false), $"Wrote the key policy of {keyArn}.");
    }
}
