using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Creates the bucket in the region.</summary>
public sealed record CreateBucketChange(string Bucket, string Region) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Create the bucket {Bucket} in {Region}";

    /// <inheritdoc />
    public override string Permission => "s3:CreateBucket";

    /// <inheritdoc />
    public override string Resource => Bucket;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Create;

    /// <inheritdoc />
    public override ResourceAddress Address => ResourceAddress.Bucket(Bucket);

    /// <inheritdoc />
    public override IReadOnlyList<string> ScriptPermissions => ["s3:ListBucket", "s3:CreateBucket"];

    /// <summary>The bucket's region; null when the bucket does not exist (the plan's state).</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<string, AwsFailure> region = await aws.S3.GetBucketRegionAsync(Bucket, ct).ConfigureAwait(false);
        return region.Failure switch
        {
            { Kind: AwsFailureKind.NotFound } => Result<string?, AwsFailure>.Ok(null),
            { } failure => Result<string?, AwsFailure>.Fail(failure),
            null => Result<string?, AwsFailure>.Ok(string.IsNullOrEmpty(region.Value) ? "us-east-1" : region.Value),
        };
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<BucketCreation, AwsFailure> bucket = await aws.S3.CreateBucketAsync(Bucket, Region, ct).ConfigureAwait(false);
        return bucket.Succeeded
            ? ChangeWrite.Made(bucket.Value!.AlreadyOwnedByYou ? $"{Bucket} already existed in your account." : $"Created {Bucket} in {Region}.")
            : ChangeWrite.Failed(bucket.Failure);
    }

    /// <summary>Looks for the bucket first (<c>head-bucket</c>) and creates it only when it is not there.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string look = new BashCommandLine("s3api", "head-bucket", Region).Option("--bucket", Bucket) + " >/dev/null 2>&1";
        string block = BashBlock.If(look, [BashBlock.Say($"The bucket {Bucket} already exists: not created again.")], [S3CliCommands.CreateBucket(Region, Bucket).CommandLine]);
        return [new($"Create the bucket {Bucket} in {Region} unless it exists", block)];
    }
}
