using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Creates the prefix folder object, encrypted with the key.</summary>
public sealed record CreatePrefixFolderChange(string Bucket, string Prefix, string KeyArn) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Create the folder {Prefix} in {Bucket}, encrypted with {KeyArn}";

    /// <inheritdoc />
    public override string Permission => "s3:PutObject";

    /// <inheritdoc />
    public override string Resource => $"{Bucket}/{Prefix}";

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_s3_object", $"{Bucket}/{Prefix}");

    /// <inheritdoc />
    public override IReadOnlyList<ResourceAddress> Needs => [ResourceAddress.Bucket(Bucket)];

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => ["s3:GetObject", "s3:PutObject", "kms:GenerateDataKey"];

    /// <summary>"exists" when the folder (or anything under it) exists; null when not.</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<bool, AwsFailure> exists = await aws.S3.PrefixExistsAsync(Bucket, Prefix, ct).ConfigureAwait(false);
        return exists.Failure is { } failure ? Result<string?, AwsFailure>.Fail(failure) : Result<string?, AwsFailure>.Ok(exists.Value ? "exists" : null);
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return ChangeWrite.Of(await aws.S3.CreateFolderAsync(Bucket, Prefix, KeyArn, ct).ConfigureAwait(false), $"Created the folder {Prefix} in {Bucket}, encrypted with {KeyArn}.");
    }

    /// <summary>Looks for the folder object first (<c>head-object</c>), so a second run adds no object (nor, when versioned, a version).</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string look = new BashCommandLine("s3api", "head-object", context.Region).Option("--bucket", Bucket).Option("--key", Prefix) + " >/dev/null 2>&1";
        AwsCliCommand create = S3CliCommands.CreatePrefixFolder(context.Region, Bucket, Prefix, context.Arn(KeyArn));
        string block = BashBlock.If(look, [BashBlock.Say($"The folder {Prefix} already exists in {Bucket}: not created again.")], [create.CommandLine]);
        return [new($"Create the folder {Prefix} in {Bucket}, encrypted with the key, unless it exists", block)];
    }
}
