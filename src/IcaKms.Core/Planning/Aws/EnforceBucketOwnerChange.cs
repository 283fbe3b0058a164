using IcaKms.Core.Aws;
using IcaKms.Core.Shell;

namespace IcaKms.Core.Planning;

/// <summary>Sets Object Ownership to "Bucket owner enforced" (ACLs off).</summary>
public sealed record EnforceBucketOwnerChange(string Bucket) : AwsChange
{
    /// <inheritdoc />
    public override string Title => $"Set Object Ownership of {Bucket} to Bucket owner enforced";

    /// <inheritdoc />
    public override string Permission => "s3:PutBucketOwnershipControls";

    /// <inheritdoc />
    public override string Resource => Bucket;

    /// <inheritdoc />
    public override ChangeAction Action => ChangeAction.Update;

    /// <inheritdoc />
    public override ResourceAddress Address => new("aws_s3_bucket_ownership_controls", Bucket);

    /// <inheritdoc />
    public override IReadOnlyList<ResourceAddress> Needs => [ResourceAddress.Bucket(Bucket)];

    /// <summary>The bucket's ownership controls as JSON; null when it has none.</summary>
    public override async Task<Result<string?, AwsFailure>> ReadAsync(AwsGateways aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        Result<string?, AwsFailure> ownership = await aws.S3.GetObjectOwnershipAsync(Bucket, ct).ConfigureAwait(false);
        return ownership.Failure is { } failure
            ? Result<string?, AwsFailure>.Fail(failure)
            : Result<string?, AwsFailure>.Ok(string.IsNullOrEmpty(ownership.Value) ? null : BucketDocuments.OwnershipJson(ownership.Value));
    }

    /// <inheritdoc />
    public override async Task<ChangeWrite> WriteAsync(AwsGateways aws, ConsistencyPolicy consistency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aws);
        return ChangeWrite.Of(await aws.S3.PutBucketOwnerEnforcedAsync(Bucket, ct).ConfigureAwait(false), $"Object Ownership of {Bucket} is Bucket owner enforced.");
    }

    /// <summary>One PUT of the ownership rule: a second run writes the same rule, which changes nothing.</summary>
    public override IReadOnlyList<AwsCliCommand> Commands(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [S3CliCommands.PutBucketOwnershipControls(context.Region, Bucket)];
    }
}
