using System.Collections.Concurrent;
using IcaKms.Core;
using IcaKms.Core.Aws;

namespace IcaKms.TestKit;

/// <summary>KMS: the keys as DescribeKey is asked for them, one key policy, and the keys the picker lists.</summary>
public sealed partial class InMemoryAws
{
    private int _createdKeys;

    /// <summary>DescribeKey answers by the key as asked (ARN, id or alias); anything else goes to <see cref="UnknownKey"/>.</summary>
    public Dictionary<string, Result<KmsKeyDescription, AwsFailure>> Keys { get; } = new(StringComparer.Ordinal)
    {
        [SampleAccount.KeyArn] = Ok(SampleAccount.Key),
    };

    /// <summary>DescribeKey's answer for a key not in <see cref="Keys"/>: not found, unless a test says otherwise.</summary>
    public Func<string, Result<KmsKeyDescription, AwsFailure>> UnknownKey { get; set; } =
        key => NotFound<KmsKeyDescription>("kms:DescribeKey", $"Key {key} is not found.");

    /// <summary>GetKeyPolicy's answer for any key id or ARN (PutKeyPolicy replaces it).</summary>
    /// <summary>ListGrants' answer: no grants by default.</summary>
    public Result<IReadOnlyList<KmsGrant>, AwsFailure> Grants { get; set; } = Ok<IReadOnlyList<KmsGrant>>([]);

    public Result<string, AwsFailure> KeyPolicy { get; set; } = Ok(SampleAccount.KeyPolicy(SampleAccount.RootStatement, SampleAccount.CrossAccountStatement));

    /// <summary>The key ids GetKeyPolicy was asked with, in order.</summary>
    public ConcurrentQueue<string> KeyPolicyAskedWith { get; } = new();

    /// <summary>The key picker's list (ListKeys with their aliases).</summary>
    public Result<IReadOnlyList<KmsKeyChoice>, AwsFailure> UsableKeys { get; set; } =
        Ok<IReadOnlyList<KmsKeyChoice>>([new KmsKeyChoice(SampleAccount.KeyArn, [SampleAccount.KeyAlias], "ICA data")]);

    public Task<Result<KmsKeyDescription, AwsFailure>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default) =>
        AnswerAsync(
            $"kms:DescribeKey {keyIdOrAlias}",
            () => Keys.TryGetValue(keyIdOrAlias, out Result<KmsKeyDescription, AwsFailure>? key) ? key : UnknownKey(keyIdOrAlias),
            cancellationToken);

    public Task<Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>> ListUsableKeysAsync(CancellationToken cancellationToken = default) =>
        AnswerAsync("kms:ListKeys", () => UsableKeys, cancellationToken);

    /// <summary>Like KMS, GetKeyPolicy takes a key id or key ARN only: an alias name or alias ARN is not found.</summary>
    public Task<Result<string, AwsFailure>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default)
    {
        KeyPolicyAskedWith.Enqueue(keyArn);
        return AnswerAsync(
            "kms:GetKeyPolicy",
            () => IsAlias(keyArn) ? NotFound<string>("kms:GetKeyPolicy", $"Invalid keyId {keyArn}") : KeyPolicy,
            cancellationToken);
    }

    public Task<Result<IReadOnlyList<KmsGrant>, AwsFailure>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync("kms:ListGrants", () => Grants, cancellationToken);

    /// <summary>A new enabled key in the sample region, described by its ARN and id.</summary>
    public Task<Result<KmsKeyDescription, AwsFailure>> CreateKeyAsync(string description, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        AnswerAsync("kms:CreateKey", () =>
        {
            string id = $"{++_createdKeys:D8}-0000-4000-8000-000000000000";
            KmsKeyDescription key = SampleAccount.Key with { KeyArn = $"arn:aws:kms:{SampleAccount.Region}:{SampleAccount.Account}:key/{id}", KeyId = id };
            Keys[key.KeyArn] = Ok(key);
            Keys[id] = Ok(key);
            return Ok(key);
        }, cancellationToken);

    public Task<Result<string, AwsFailure>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default) =>
        AnswerAsync($"kms:CreateAlias {aliasName}", () =>
        {
            if (Keys.ContainsKey(aliasName))
            {
                return Result<string, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.AlreadyExists, "kms:CreateAlias", aliasName, "AlreadyExistsException", $"An alias with the name {aliasName} already exists."));
            }

            Keys[aliasName] = Keys.TryGetValue(keyArn, out Result<KmsKeyDescription, AwsFailure>? key) ? key : UnknownKey(keyArn);
            return Ok(aliasName);
        }, cancellationToken);

    /// <summary>Like the real gateway, an alias is refused before any call.</summary>
    public Task<Result<string, AwsFailure>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default)
    {
        if (IsAlias(keyArn))
        {
            return Task.FromResult(Result<string, AwsFailure>.Fail(new AwsFailure(AwsFailureKind.Refused, "kms:PutKeyPolicy", keyArn, null, "PutKeyPolicy takes a key ARN, not an alias.")));
        }

        return AnswerAsync($"kms:PutKeyPolicy {keyArn}", () =>
        {
            KeyPolicy = Ok(policy);
            return Ok(policy);
        }, cancellationToken);
    }

    private static bool IsAlias(string key) => key.StartsWith("alias/", StringComparison.Ordinal) || key.Contains(":alias/", StringComparison.Ordinal);
}
