using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Sets the bucket's default encryption to SSE-KMS with the full key ARN and Bucket Key on, keeping blocked types.</summary>
public sealed record SetDefaultEncryptionChange(string Bucket, string KeyArn, IReadOnlyList<string> BlockedEncryptionTypes) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Set the default encryption of {Bucket} to SSE-KMS with {KeyArn}, Bucket Key on";

    /// <inheritdoc />
    public override string Permission => "s3:PutEncryptionConfiguration";

    /// <inheritdoc />
    public override string Resource => Bucket;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_s3_bucket_server_side_encryption_configuration", Bucket);

    /// <inheritdoc />
    public override IReadOnlyList<ResourceAddress> Needs => [ResourceAddress.Bucket(Bucket)];

    /// <summary>The bucket's default encryption rule as JSON; null when it has none.</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<BucketEncryption?, AwsFailure> rule = await aws.S3.GetDefaultEncryptionAsync(Bucket, ct).ConfigureAwait(false);
        return rule.Failure is { } failure
            ? Result<string?, AwsFailure>.Fail(failure)
            : Result<string?, AwsFailure>.Ok(rule.Value is { } value ? BucketDocuments.EncryptionJson(value) : null);
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return ChangeWrite.Of(
            await aws.S3.PutDefaultEncryptionAsync(Bucket, new BucketEncryption("aws:kms", KeyArn, true, BlockedEncryptionTypes), ct).ConfigureAwait(false),
            $"Default encryption of {Bucket} is SSE-KMS with {KeyArn}, Bucket Key on.");
    }

    /// <summary>One PUT of the whole rule: a second run writes the same rule, which changes nothing.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [S3CliCommands.PutBucketEncryption(context.Region, Bucket, context.Arn(KeyArn), BlockedEncryptionTypes)];
    }
}
