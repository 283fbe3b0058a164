using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Turns on all four Block Public Access settings of the bucket.</summary>
public sealed record BlockPublicAccessChange(string Bucket) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Turn on all four Block Public Access settings of {Bucket}";

    /// <inheritdoc />
    public override string Permission => "s3:PutBucketPublicAccessBlock";

    /// <inheritdoc />
    public override string Resource => Bucket;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_s3_bucket_public_access_block", Bucket);

    /// <inheritdoc />
    public override IReadOnlyList<ResourceAddress> Needs => [ResourceAddress.Bucket(Bucket)];

    /// <summary>The bucket's public access block as JSON; null when it has none.</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<PublicAccessBlock?, AwsFailure> block = await aws.S3.GetPublicAccessBlockAsync(Bucket, ct).ConfigureAwait(false);
        return block.Failure is { } failure
            ? Result<string?, AwsFailure>.Fail(failure)
            : Result<string?, AwsFailure>.Ok(block.Value is { } value ? BucketDocuments.PublicAccessJson(value) : null);
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return ChangeWrite.Of(await aws.S3.PutPublicAccessBlockAsync(Bucket, ct).ConfigureAwait(false), $"Block Public Access is fully on for {Bucket}.");
    }

    /// <summary>One PUT of all four settings: a second run writes the same settings, which changes nothing.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [S3CliCommands.PutPublicAccessBlock(context.Region, Bucket)];
    }
}
