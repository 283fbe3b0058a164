using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Creates a symmetric, customer managed KMS key in the region, with an alias and a description.</summary>
public sealed record CreateKeyChange(string Region, string Alias, string Description) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Create a symmetric customer managed KMS key in {Region}, named {Alias}";

    /// <inheritdoc />
    public override string Permission => "kms:CreateKey";

    /// <inheritdoc />
    public override string Resource => Alias;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => ResourceAddress.Key(Alias);

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => ["kms:ListAliases", "kms:DescribeKey", "kms:CreateKey", "kms:CreateAlias"];

    /// <summary>The ARN of the key named <see cref="Alias"/>; null when no key has that name (the plan's state).</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<KmsKeyDescription, AwsFailure> key = await aws.Kms.DescribeKeyAsync(Alias, ct).ConfigureAwait(false);
        return key.Failure switch
        {
            { Kind: AwsFailureKind.NotFound } => Result<string?, AwsFailure>.Ok(null),
            { } failure => Result<string?, AwsFailure>.Fail(failure),
            null => Result<string?, AwsFailure>.Ok(key.Value!.KeyArn),
        };
    }

    /// <summary>Creates the key, then its alias, waiting as the policy says while KMS does not show the new key yet.</summary>
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(consistency);
        Result<KmsKeyDescription, AwsFailure> key = await aws.Kms.CreateKeyAsync(Description, null, ct).ConfigureAwait(false);
        if (key.Value is not { } created)
        {
            return ChangeWrite.Failed(key.Failure);
        }

        Result<string, AwsFailure> alias = await consistency.RetryAsync(token => aws.Kms.CreateAliasAsync(Alias, created.KeyArn, token), ct).ConfigureAwait(false);
        return alias.Succeeded
            ? new ChangeWrite(true, $"Created {created.KeyArn}, named {Alias}.", null, created.KeyArn)
            : new ChangeWrite(false, $"Created {created.KeyArn}, but not its alias: {alias.Failure!.Message}", alias.Failure, created.KeyArn);
    }

    /// <summary>
    /// Looks for the alias first: when it exists, its key is used (<c>KEY_ARN</c>) and nothing is created, so a second run
    /// never makes a second key; else creates the key and names it.
    /// </summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string look = new BashCommandLine("kms", "list-aliases", Region)
            .Option("--query", $"Aliases[?AliasName==`\"{Alias}\"`].AliasName")
            .Option("--output", "text")
            .ToString();
        string existing = new BashCommandLine("kms", "describe-key", Region)
            .Option("--key-id", Alias)
            .Option("--query", "KeyMetadata.Arn")
            .Option("--output", "text")
            .CapturedIn(CliArn.CreatedKey);
        AwsCliCommand create = KmsCliCommands.CreateKey(Region, Description);
        AwsCliCommand name = KmsCliCommands.CreateAlias(Region, Alias, CliArn.CreatedKey);
        string block = BashBlock.If(
            BashBlock.Found(look),
            [existing, BashBlock.Say($"The key {Alias} already exists: using it, no key created.")],
            [create.CommandLine, name.CommandLine]);
        return [new($"The KMS key named {Alias}: created in {Region} unless that alias exists; its ARN is kept in ${CliArn.CreatedKey.VariableName}", block)];
    }
}
