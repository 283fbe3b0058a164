using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using IcaKms.Core.Validation;
using IcaKms.Core.Aws;

namespace IcaKms.Core.Adapters.Aws;

/// <summary>The KMS calls IcaKms makes, over the AWS SDK's <see cref="IAmazonKeyManagementService"/>.</summary>
public sealed class KmsGateway : IKmsGateway
{
    /// <summary>How many DescribeKey calls <see cref="ListUsableKeysAsync"/> makes at once.</summary>
    public const int DescribeParallelism = 8;

    private const string AwsManagedAliasPrefix = "alias/aws/";

    private readonly IAmazonKeyManagementService _kms;
    private readonly string? _region;
    private readonly CallBudget? _budget;

    /// <summary>Creates the gateway over a KMS client (the caller owns the client).</summary>
    /// <param name="kms">The SDK client.</param>
    /// <param name="time">The clock a call's deadline runs on; null for the system's (a test passes a fake one).</param>
    public KmsGateway(IAmazonKeyManagementService kms, TimeProvider? time = null)
    {
        _kms = kms ?? throw new ArgumentNullException(nameof(kms));
        _budget = CallBudget.Of(kms.Config, time);
        _region = kms.Config?.RegionEndpoint?.SystemName ?? NullIfEmpty(kms.Config?.AuthenticationRegion);
    }

    /// <inheritdoc />
    public Task<Result<KmsKeyDescription, AwsFailure>> DescribeKeyAsync(string keyIdOrAlias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyIdOrAlias);
        return Call("kms:DescribeKey", keyIdOrAlias).RunAsync(
            async token => ToDescription((await DescribeAsync(keyIdOrAlias, token).ConfigureAwait(false)).KeyMetadata),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// ListKeys and ListAliases (every page), then DescribeKey on each key, at most <see cref="DescribeParallelism"/>
    /// at once. A key the caller may not describe (or that vanished meanwhile) is left out rather than failing the
    /// list; if ListAliases is denied the keys come without aliases. Keys with an <c>alias/aws/…</c> alias are AWS
    /// managed and are skipped without a call. Sorted by first alias (keys without one last), then key ARN.
    /// </remarks>
    public async Task<Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>> ListUsableKeysAsync(CancellationToken cancellationToken = default)
    {
        Result<List<KeyListEntry>, AwsFailure> keys = await Call("kms:ListKeys", null).RunAsync(ListAllKeysAsync, cancellationToken)
            .ConfigureAwait(false);
        if (!keys.Succeeded)
        {
            return Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>.Fail(keys.Failure!);
        }

        Result<List<AliasListEntry>, AwsFailure> aliases = await Call("kms:ListAliases", null).RunAsync(ListAllAliasesAsync, cancellationToken)
            .ConfigureAwait(false);
        if (!aliases.Succeeded && aliases.Failure!.Kind != AwsFailureKind.AccessDenied)
        {
            return Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>.Fail(aliases.Failure);
        }

        ILookup<string, string> aliasesByKey = (aliases.Value ?? [])
            .Where(alias => !string.IsNullOrEmpty(alias.TargetKeyId) && !string.IsNullOrEmpty(alias.AliasName))
            .ToLookup(alias => alias.TargetKeyId, alias => alias.AliasName, StringComparer.Ordinal);

        KeyListEntry[] candidates = keys.Value!
            .Where(key => !string.IsNullOrEmpty(key.KeyId) || !string.IsNullOrEmpty(key.KeyArn))
            .Where(key => !aliasesByKey[key.KeyId ?? ""].Any(name => name.StartsWith(AwsManagedAliasPrefix, StringComparison.Ordinal)))
            .ToArray();

        var described = new Result<(KmsKeyDescription Key, string Description), AwsFailure>[candidates.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, candidates.Length),
            new ParallelOptions { MaxDegreeOfParallelism = DescribeParallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                string keyId = NullIfEmpty(candidates[index].KeyArn) ?? candidates[index].KeyId;
                described[index] = await Call("kms:DescribeKey", keyId).RunAsync(
                    async callToken =>
                    {
                        KeyMetadata metadata = (await DescribeAsync(keyId, callToken).ConfigureAwait(false)).KeyMetadata;
                        return (ToDescription(metadata), metadata.Description ?? "");
                    },
                    token).ConfigureAwait(false);
            }).ConfigureAwait(false);

        AwsFailure? hardFailure = described
            .Select(result => result.Failure)
            .FirstOrDefault(failure => failure is not null && failure.Kind is not (AwsFailureKind.AccessDenied or AwsFailureKind.NotFound));
        if (hardFailure is not null)
        {
            return Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>.Fail(hardFailure);
        }

        List<KmsKeyChoice> choices = described
            .Where(result => result.Succeeded && IsUsableForIca(result.Value.Key))
            .Select(result => new KmsKeyChoice(
                result.Value.Key.KeyArn,
                aliasesByKey[result.Value.Key.KeyId].Order(StringComparer.Ordinal).ToList(),
                result.Value.Description))
            .OrderBy(choice => choice.Aliases.Count == 0)
            .ThenBy(choice => choice.Aliases.FirstOrDefault() ?? "", StringComparer.Ordinal)
            .ThenBy(choice => choice.KeyArn, StringComparer.Ordinal)
            .ToList();
        return Result<IReadOnlyList<KmsKeyChoice>, AwsFailure>.Ok(choices);
    }

    /// <inheritdoc />
    public Task<Result<string, AwsFailure>> GetKeyPolicyAsync(string keyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        return Call("kms:GetKeyPolicy", keyArn).RunAsync(
            async token => (await _kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = keyArn, PolicyName = "default" }, token)
                .ConfigureAwait(false)).Policy,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<KmsGrant>, AwsFailure>> ListGrantsAsync(string keyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        return Call("kms:ListGrants", keyArn).RunAsync<IReadOnlyList<KmsGrant>>(
            async token =>
            {
                var grants = new List<KmsGrant>();
                string? marker = null;
                do
                {
                    ListGrantsResponse page = await _kms.ListGrantsAsync(new ListGrantsRequest { KeyId = keyArn, Marker = marker }, token).ConfigureAwait(false);
                    grants.AddRange((page.Grants ?? []).Select(ToGrant));
                    marker = page.Truncated == true ? NullIfEmpty(page.NextMarker) : null;
                }
                while (marker is not null);
                return grants;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<KmsKeyDescription, AwsFailure>> CreateKeyAsync(
        string description,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(description);
        var request = new CreateKeyRequest
        {
            Description = description,
            KeySpec = KeySpec.SYMMETRIC_DEFAULT,
            KeyUsage = KeyUsageType.ENCRYPT_DECRYPT,
            Origin = OriginType.AWS_KMS,
            MultiRegion = false,
            Tags = tags is { Count: > 0 }
                ? tags.Select(tag => new Tag { TagKey = tag.Key, TagValue = tag.Value }).ToList()
                : null,
        };
        return Call("kms:CreateKey", null).RunAsync(
            async token => ToDescription((await _kms.CreateKeyAsync(request, token).ConfigureAwait(false)).KeyMetadata),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<string, AwsFailure>> CreateAliasAsync(string aliasName, string keyArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aliasName);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        AwsCall call = Call("kms:CreateAlias", aliasName);
        if (!aliasName.StartsWith("alias/", StringComparison.Ordinal) || aliasName.Length <= "alias/".Length
            || aliasName.StartsWith(AwsManagedAliasPrefix, StringComparison.Ordinal))
        {
            return Task.FromResult(Result<string, AwsFailure>.Fail(Refused(call,
                $"The alias name must be alias/NAME and must not start with {AwsManagedAliasPrefix} (reserved for AWS managed keys), not {aliasName}.")));
        }

        if (NotAKeyArn(keyArn) is { } problem)
        {
            return Task.FromResult(Result<string, AwsFailure>.Fail(Refused(call, problem)));
        }

        return call.RunAsync(
            async token =>
            {
                await _kms.CreateAliasAsync(new CreateAliasRequest { AliasName = aliasName, TargetKeyId = keyArn }, token).ConfigureAwait(false);
                return aliasName;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<string, AwsFailure>> PutKeyPolicyAsync(string keyArn, string policy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        AwsCall call = Call("kms:PutKeyPolicy", keyArn);
        if (NotAKeyArn(keyArn) is { } problem)
        {
            return Task.FromResult(Result<string, AwsFailure>.Fail(Refused(call, problem)));
        }

        // BypassPolicyLockoutSafetyCheck stays unset (null): the SDK leaves it out and KMS runs its lockout check.
        var request = new PutKeyPolicyRequest { KeyId = keyArn, PolicyName = "default", Policy = policy };
        return call.RunAsync(
            async token =>
            {
                await _kms.PutKeyPolicyAsync(request, token).ConfigureAwait(false);
                return policy;
            },
            cancellationToken);
    }

    /// <summary>The key S3 SSE-KMS with ICA can use: customer managed, symmetric encryption, enabled.</summary>
    internal static bool IsUsableForIca(KmsKeyDescription key) =>
        key.KeyManager == "CUSTOMER" && key.KeySpec == "SYMMETRIC_DEFAULT" && key.KeyUsage == "ENCRYPT_DECRYPT" && key.KeyState == "Enabled";

    private AwsCall Call(string action, string? resource) => new(action, action, resource, _region) { Budget = _budget };

    /// <summary>Why <paramref name="keyArn"/> is not a KMS key ARN (an alias, a key id, another service), or null when it is one.</summary>
    private static string? NotAKeyArn(string keyArn) =>
        ArnParts.Parse(keyArn) is { Service: "kms" } arn && arn.Resource.StartsWith("key/", StringComparison.Ordinal) && arn.Resource.Length > 4
            ? null
            : $"{keyArn} is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID): resolve it with DescribeKey first and use the key ARN it returns.";

    private static AwsFailure Refused(AwsCall call, string why) =>
        new(AwsFailureKind.Refused, call.Action, call.Resource, null, $"{call.Operation} was not sent: {why}");

    private Task<DescribeKeyResponse> DescribeAsync(string keyId, CancellationToken cancellationToken) =>
        _kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, cancellationToken);

    private static KmsGrant ToGrant(GrantListEntry grant) => new(
        grant.GrantId ?? string.Empty,
        grant.GranteePrincipal ?? string.Empty,
        [.. grant.Operations ?? []],
        grant.Constraints?.EncryptionContextEquals is { Count: > 0 } equals ? new Dictionary<string, string>(equals, StringComparer.Ordinal) : null,
        grant.Constraints?.EncryptionContextSubset is { Count: > 0 } subset ? new Dictionary<string, string>(subset, StringComparer.Ordinal) : null,
        NullIfEmpty(grant.RetiringPrincipal),
        NullIfEmpty(grant.Name));

    private async Task<List<KeyListEntry>> ListAllKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<KeyListEntry>();
        string? marker = null;
        do
        {
            ListKeysResponse page = await _kms.ListKeysAsync(new ListKeysRequest { Marker = marker }, cancellationToken).ConfigureAwait(false);
            keys.AddRange(page.Keys ?? []);
            marker = page.Truncated == true ? NullIfEmpty(page.NextMarker) : null;
        }
        while (marker is not null);
        return keys;
    }

    private async Task<List<AliasListEntry>> ListAllAliasesAsync(CancellationToken cancellationToken)
    {
        var aliases = new List<AliasListEntry>();
        string? marker = null;
        do
        {
            ListAliasesResponse page = await _kms.ListAliasesAsync(new ListAliasesRequest { Marker = marker }, cancellationToken).ConfigureAwait(false);
            aliases.AddRange(page.Aliases ?? []);
            marker = page.Truncated == true ? NullIfEmpty(page.NextMarker) : null;
        }
        while (marker is not null);
        return aliases;
    }

    private static KmsKeyDescription ToDescription(KeyMetadata? metadata)
    {
        if (metadata is null || string.IsNullOrEmpty(metadata.Arn))
        {
            throw new InvalidOperationException("KMS DescribeKey answered without the key's metadata.");
        }

        ArnParts? arn = ArnParts.Parse(metadata.Arn);
        return new KmsKeyDescription(
            metadata.Arn,
            metadata.KeyId ?? arn?.Resource.Split('/', 2)[^1] ?? "",
            arn?.Region ?? "",
            NullIfEmpty(arn?.Account) ?? metadata.AWSAccountId ?? "",
            metadata.KeySpec?.Value ?? "",
            metadata.KeyUsage?.Value ?? "",
            metadata.KeyState?.Value ?? "",
            metadata.KeyManager?.Value ?? "",
            metadata.MultiRegion ?? false,
            ToUtc(metadata.DeletionDate));
    }

    private static DateTimeOffset? ToUtc(DateTime? date) => date switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
